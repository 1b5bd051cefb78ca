/** Which apps are subscribed to a WABA's webhooks (POST /{waba}/subscribed_apps), with an override callback when given. */
export class WabaSubscriptions {
	private readonly byWaba = new Map<string, Map<string, { overrideCallbackUri?: string }>>();

	subscribe(wabaId: string, appId: string, overrideCallbackUri?: string): void {
		const apps = this.byWaba.get(wabaId) ?? new Map<string, { overrideCallbackUri?: string }>();
		apps.set(appId, overrideCallbackUri ? { overrideCallbackUri } : {});
		this.byWaba.set(wabaId, apps);
	}

	unsubscribe(wabaId: string, appId: string): void {
		this.byWaba.get(wabaId)?.delete(appId);
	}

	of(wabaId: string): Array<{ appId: string; overrideCallbackUri?: string }> {
		return [...(this.byWaba.get(wabaId) ?? new Map<string, { overrideCallbackUri?: string }>()).entries()].map(([appId, settings]) => ({ appId, ...settings }));
	}

	clear(): void {
		this.byWaba.clear();
	}
}
