//! Running an export from a button or a menu: one at a time, a toast with the path when the file
//! is saved, silence when the Save dialog is cancelled, and the failure kept (with the export it
//! belongs to) for the screen to show in place. The Export menu and the "Import and export"
//! screen both run their exports through this, so they behave the same.

import type { FailureText } from "$lib/api";
import { app } from "$lib/app.svelte";
import { saveExport } from "$lib/exchange";
import type { ExportItem } from "$lib/exports";

export type ExportTaskOptions = {
	/** Called with the failure of an export, and with null when a new one starts. */
	onerror?: (error: FailureText | null) => void;
	/** Where "Saved to …" goes; the app's toasts unless a test says otherwise. */
	toast?: (message: string) => void;
};

export class ExportTask {
	/** The id of the export under way (its Save dialog may be open), or null. */
	running = $state<string | null>(null);
	/** Why the last export failed, or null. */
	error = $state<FailureText | null>(null);
	/** The id of the export that failed, so that the error can be shown beside it. */
	failedId = $state<string | null>(null);

	#onerror: (error: FailureText | null) => void;
	#toast: (message: string) => void;

	constructor(options: ExportTaskOptions = {}) {
		this.#onerror = options.onerror ?? (() => {});
		this.#toast = options.toast ?? ((message) => app.toast(message));
	}

	get busy(): boolean {
		return this.running !== null;
	}

	/**
	 * Runs `item` unless another export is under way (its Save dialog is still up; a second
	 * click just waits for it). Resolves when the file is saved, cancelled or failed.
	 */
	run = async (item: ExportItem): Promise<void> => {
		if (this.running !== null) return;
		this.running = item.id;
		this.#fail(null, null);
		try {
			const failure = await saveExport(item.run, this.#toast);
			this.#fail(failure, failure ? item.id : null);
		} finally {
			this.running = null;
		}
	};

	#fail(error: FailureText | null, id: string | null): void {
		this.error = error;
		this.failedId = id;
		this.#onerror(error);
	}
}
