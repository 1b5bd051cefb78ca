import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { MessageContent } from '../../../shared/transport/api/messages';
import { shownWhen, type ShowWhen } from './showWhen';

export function pollFields(when?: ShowWhen): INodeProperties[] {
	return shownWhen(
		[
			{ displayName: 'Question', name: 'pollQuestion', type: 'string', default: '', required: true, placeholder: 'Which day suits you?' },
			{
				displayName: 'Answers',
				name: 'pollAnswers',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Answer' },
				default: [],
				required: true,
				description: '2 to 12 answers, up to 100 characters each',
			},
			{ displayName: 'Allow Multiple Answers', name: 'allowMultipleAnswers', type: 'boolean', default: false, description: 'Whether people may pick more than one answer' },
		],
		when,
	);
}

export function buildPoll(context: IExecuteFunctions, itemIndex: number): MessageContent {
	const raw = context.getNodeParameter('pollAnswers', itemIndex, []) as string[] | string;
	const answers = (Array.isArray(raw) ? raw : [raw]).map((answer) => String(answer).trim()).filter(Boolean);
	if (answers.length < 2 || answers.length > 12) throw new NodeOperationError(context.getNode(), `Answers: a poll needs 2 to 12 answers (got ${answers.length})`, { itemIndex });
	const tooLong = answers.find((answer) => answer.length > 100);
	if (tooLong) throw new NodeOperationError(context.getNode(), `Answers: "${tooLong.slice(0, 30)}…" is longer than 100 characters`, { itemIndex });
	if (new Set(answers).size !== answers.length) throw new NodeOperationError(context.getNode(), 'Answers: each answer must be different', { itemIndex });
	return {
		type: 'poll',
		poll: { name: (context.getNodeParameter('pollQuestion', itemIndex) as string).trim(), options: answers, allowMultipleAnswers: context.getNodeParameter('allowMultipleAnswers', itemIndex, false) as boolean },
	};
}
