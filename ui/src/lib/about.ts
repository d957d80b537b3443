//! What the About dialog shows and does beyond plain text: the build date in words, copying a
//! path, and what to say when the log folder cannot be opened.

import { describeFailure, type FailureText, failureText, toFailure } from "$lib/api";
import { t } from "$lib/i18n";
import { formatPlainDate, parsePlainDate } from "$lib/time";

/**
 * The build date (YYYY-MM-DD) in words, such as "27 November 2026"; null when the build did
 * not record one, and the text as it is when it is not a date (a hand-made build's label).
 */
export function buildDateText(text: string, locale: string): string | null {
	const trimmed = text.trim();
	if (trimmed === "") return null;
	if (!parsePlainDate(trimmed)) return trimmed;
	return formatPlainDate(trimmed, locale);
}

/** The part of the clipboard API that copying needs (a stand-in in tests). */
export type ClipboardLike = { writeText(text: string): Promise<void> };

/**
 * Copies `text` to the clipboard; false when the web view has no clipboard or refuses (the
 * dialog then selects the text so that the user can copy it with the keyboard).
 */
export async function copyText(
	text: string,
	clipboard: ClipboardLike | undefined = globalThis.navigator?.clipboard,
): Promise<boolean> {
	if (!clipboard) return false;
	try {
		await clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}

/**
 * Words for a failed "Open log folder". The core refuses with a validation error when the OS
 * gives the app no log folder, and with an I/O error when the folder cannot be made or the
 * file manager will not start; the generic texts would talk about form fields and the data
 * file, so those two get their own.
 */
export function logFolderFailure(error: unknown): FailureText {
	const failure = toFailure(error);
	const action = t("about.openLogsFailed");
	switch (failure.code) {
		case "validation":
			return { summary: `${action} ${t("about.noLogDir")}`, detail: null };
		case "io":
			return {
				summary: `${action} ${t("about.openLogsIo")}`,
				detail: failureText(failure) || null,
			};
		default:
			return describeFailure(failure, action);
	}
}
