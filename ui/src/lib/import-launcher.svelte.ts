//! Starting an attendee import from a screen: the native Open dialog, then the review
//! (ImportDialog, shown while `start` is set), then the toast that says what was imported. The
//! Attendees screen and the "Import and export" screen both start imports through this, so that
//! they behave and speak the same.

import { tick } from "svelte";
import type { FailureText } from "$lib/api";
import { app } from "$lib/app.svelte";
import { importedMessage, importFailure } from "$lib/exchange";
import { exchangeApi, type ImportReport, type ImportStart } from "$lib/exchange-api";
import { t } from "$lib/i18n";

export type ImportLauncherOptions = {
	/** The event to import into (a getter, since a screen's props can change). */
	eventId: () => string;
	/** After a commit, with its report: reload whatever the import changed. */
	onimported?: (report: ImportReport) => void;
	/** Where the focus goes back to once the review has closed, either way. */
	returnFocus?: () => HTMLElement | null | undefined;
	/** The Open dialog; the real one unless a test says otherwise. */
	choose?: (eventId: string) => Promise<ImportStart | null>;
	/** Where "Imported …" goes; the app's toasts unless a test says otherwise. */
	toast?: (message: string) => void;
};

export class ImportLauncher {
	/** The chosen file under review; ImportDialog is shown while it is set. */
	start = $state<ImportStart | null>(null);
	/** The Open dialog is up. */
	choosing = $state(false);
	/** Why the chosen file could not be read, shown in place with a retry. */
	error = $state<FailureText | null>(null);

	#options: ImportLauncherOptions;

	constructor(options: ImportLauncherOptions) {
		this.#options = options;
	}

	/** Asks for a file and, when one is chosen, opens its review. Ignored while one is open. */
	choose = async (): Promise<void> => {
		if (this.choosing || this.start) return;
		this.choosing = true;
		this.error = null;
		const open = this.#options.choose ?? exchangeApi.chooseImportFile;
		try {
			const start = await open(this.#options.eventId());
			if (start) this.start = start;
		} catch (e) {
			this.error = importFailure(e, t("exchange.import.readFailed"));
		} finally {
			this.choosing = false;
		}
	};

	/** ImportDialog's `onclose`: the report after a commit, or null when it was cancelled. */
	close = async (report: ImportReport | null): Promise<void> => {
		this.start = null;
		if (report) {
			const toast = this.#options.toast ?? ((message: string) => app.toast(message));
			toast(importedMessage(report));
			this.#options.onimported?.(report);
		}
		// The dialog is gone from the page only after the next update.
		await tick();
		this.#options.returnFocus?.()?.focus();
	};
}
