import {
	childPath,
	invalid,
	type JsonObject,
	objectItems,
	optionalArray,
	optionalBoolean,
	optionalEnum,
	optionalObject,
	optionalString,
	requireCoordinate,
	requireString,
} from './fields';

/** Validators for the send types whose bodies carry no media and no references to stored objects. */

export const TEXT_BODY_MAX = 4096;

export function validateText(text: JsonObject, path: string): void {
	requireString(text, 'body', path, { max: TEXT_BODY_MAX });
	optionalBoolean(text, 'preview_url', path);
}

export function validateLocation(location: JsonObject, path: string): void {
	requireCoordinate(location, 'latitude', path, 90);
	requireCoordinate(location, 'longitude', path, 180);
	optionalString(location, 'name', path, { max: 1000, allowEmpty: true });
	optionalString(location, 'address', path, { max: 1000, allowEmpty: true });
}

export function validateReaction(reaction: JsonObject, path: string): string {
	const messageId = requireString(reaction, 'message_id', path);
	// An empty emoji removes an earlier reaction, so only the type is checked.
	if (reaction.emoji === undefined || reaction.emoji === null) throw invalid.required(childPath(path, 'emoji'));
	optionalString(reaction, 'emoji', path, { allowEmpty: true, max: 16 });
	return messageId;
}

const CONTACT_ITEM_TYPES = ['HOME', 'WORK', 'CELL', 'MAIN', 'IPHONE', 'MOBILE'] as const;

export function validateContacts(contacts: unknown, path: string): void {
	if (!Array.isArray(contacts)) throw invalid.type(path, 'an array');
	if (contacts.length < 1) throw invalid.tooFew(path, 1);
	if (contacts.length > 5) throw invalid.tooMany(path, 5);
	for (const { item: contact, path: contactPath } of objectItems(contacts, path)) {
		const name = optionalObject(contact, 'name', contactPath);
		if (!name) throw invalid.required(childPath(contactPath, 'name'));
		requireString(name, 'formatted_name', childPath(contactPath, 'name'));
		for (const key of ['first_name', 'last_name', 'middle_name', 'prefix', 'suffix']) optionalString(name, key, childPath(contactPath, 'name'), { allowEmpty: true });
		const phones = optionalArray(contact, 'phones', contactPath) ?? [];
		for (const { item, path: itemPath } of objectItems(phones, childPath(contactPath, 'phones'))) {
			requireString(item, 'phone', itemPath);
			optionalString(item, 'wa_id', itemPath);
			optionalEnum(item, 'type', itemPath, CONTACT_ITEM_TYPES);
		}
		const emails = optionalArray(contact, 'emails', contactPath) ?? [];
		for (const { item, path: itemPath } of objectItems(emails, childPath(contactPath, 'emails'))) {
			requireString(item, 'email', itemPath, { pattern: /^[^\s@]+@[^\s@]+$/, patternHint: 'must be an email address' });
			optionalEnum(item, 'type', itemPath, CONTACT_ITEM_TYPES);
		}
		const urls = optionalArray(contact, 'urls', contactPath) ?? [];
		for (const { item, path: itemPath } of objectItems(urls, childPath(contactPath, 'urls'))) {
			requireString(item, 'url', itemPath);
			optionalEnum(item, 'type', itemPath, CONTACT_ITEM_TYPES);
		}
		const addresses = optionalArray(contact, 'addresses', contactPath) ?? [];
		for (const { item, path: itemPath } of objectItems(addresses, childPath(contactPath, 'addresses'))) {
			for (const key of ['street', 'city', 'state', 'zip', 'country', 'country_code']) optionalString(item, key, itemPath, { allowEmpty: true });
			optionalEnum(item, 'type', itemPath, CONTACT_ITEM_TYPES);
		}
		const org = optionalObject(contact, 'org', contactPath);
		if (org) for (const key of ['company', 'department', 'title']) optionalString(org, key, childPath(contactPath, 'org'), { allowEmpty: true });
		optionalString(contact, 'birthday', contactPath, { pattern: /^\d{4}-\d{2}-\d{2}$/, patternHint: 'must be a date in YYYY-MM-DD format' });
	}
}

/** Mark-as-read, optionally with a typing indicator (contract A.2). */
export function validateStatusUpdate(body: JsonObject): { messageId: string; typing: boolean } {
	optionalEnum(body, 'status', '', ['read'] as const);
	const messageId = requireString(body, 'message_id', '');
	const typing = optionalObject(body, 'typing_indicator', '');
	if (typing) optionalEnum(typing, 'type', 'typing_indicator', ['text'] as const);
	if (typing && typing.type === undefined) throw invalid.required('typing_indicator.type');
	return { messageId, typing: typing !== undefined };
}

/** Arrays whose items must be objects with unique values under `key` (button ids, row ids). */
export function requireUnique(values: Array<{ value: string; path: string }>): void {
	const seen = new Set<string>();
	for (const { value, path } of values) {
		if (seen.has(value)) throw invalid.value(path, 'must be unique');
		seen.add(value);
	}
}
