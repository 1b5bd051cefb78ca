import type { IDataObject, INodeExecutionData, IRun, Workflow } from 'n8n-workflow';

/** One execution's result, with the accessors tests need. */
export class WorkflowRun {
	constructor(
		readonly workflow: Workflow,
		readonly run: IRun,
		readonly executionId: string,
	) {}

	get status(): IRun['status'] {
		return this.run.status;
	}

	/** Set while the execution waits (send-and-wait). */
	get waitTill(): Date | undefined {
		return this.run.waitTill ?? this.run.data.waitTill;
	}

	get error(): Error | undefined {
		return this.run.data.resultData.error as Error | undefined;
	}

	/** The items a node output on its main output (its last run unless another is named). */
	items(nodeName: string, options: { output?: number; runIndex?: number } = {}): INodeExecutionData[] {
		const runs = this.run.data.resultData.runData[nodeName];
		if (!runs || runs.length === 0) throw new Error(`Node "${nodeName}" did not run (ran: ${Object.keys(this.run.data.resultData.runData).join(', ')}); error: ${this.error?.message ?? 'none'}`);
		const task = runs[options.runIndex ?? runs.length - 1];
		if (task.error) throw new Error(`Node "${nodeName}" failed: ${task.error.message}${task.error.description ? ` (${String(task.error.description)})` : ''}`);
		return task.data?.main?.[options.output ?? 0] ?? [];
	}

	json(nodeName: string, options: { output?: number; runIndex?: number } = {}): IDataObject[] {
		return this.items(nodeName, options).map((item) => item.json);
	}

	/** The error a node failed with, if it did. */
	nodeError(nodeName: string): (Error & { description?: string; httpCode?: string }) | undefined {
		const runs = this.run.data.resultData.runData[nodeName];
		return (runs?.[runs.length - 1]?.error as (Error & { description?: string; httpCode?: string }) | undefined) ?? undefined;
	}
}
