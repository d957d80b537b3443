//! The Settings screen's "Keep the last N automatic backups" field: what its text means, and
//! which words to show under it when the core refuses a value. The range (1 to `max_keep`) is
//! the core's to check, so that its message is the one the user reads; here only text that
//! cannot be sent at all (empty, not a whole number, too large for the core's u32) is stopped.

import { describeFailure, fieldMessages } from "$lib/api";
import { t } from "$lib/i18n";

/** The largest value the core's `u32` argument can take. */
const U32_MAX = 4_294_967_295;

/** What to do with the field's text when it is committed (change, blur, Enter). */
export type KeepDraft =
	| { kind: "unchanged" }
	| { kind: "invalid" }
	| { kind: "save"; keep: number };

/** Reads the field's text against the value the core last confirmed. */
export function readKeep(text: string, saved: number): KeepDraft {
	const trimmed = text.trim();
	if (!/^\d+$/.test(trimmed)) return { kind: "invalid" };
	const keep = Number(trimmed);
	if (keep > U32_MAX) return { kind: "invalid" };
	return keep === saved ? { kind: "unchanged" } : { kind: "save", keep };
}

/** The number the field's sentence agrees with ("1 automatic backup", "5 automatic backups"):
 * the whole number being typed, else the saved one. */
export function keepCount(text: string, saved: number): number {
	const draft = readKeep(text, saved);
	return draft.kind === "save" ? draft.keep : saved;
}

/**
 * The message for under the field when saving failed: the core's own words for
 * `backups_keep` when it named that field, otherwise what did not happen and why.
 */
export function keepFailure(error: unknown): string {
	const fields = fieldMessages(error);
	return (
		fields.backups_keep ?? fields.keep ?? describeFailure(error, t("settings.keepFailed")).summary
	);
}

/** Stands for the field in a sentence until `aroundField` splits it there (a private-use
 * character, which no translation contains). */
export const FIELD_MARK = "\u{E000}";

/**
 * Splits a sentence that has the field in it ("Keep the last {{field}} automatic backups") at
 * `mark`, the value given for `{{field}}`, so that each language puts the field where its word
 * order wants it. The parts are trimmed (the layout spaces them). Without the mark, the whole
 * sentence comes before the field.
 */
export function aroundField(sentence: string, mark: string): [string, string] {
	const at = sentence.indexOf(mark);
	if (at < 0) return [sentence.trim(), ""];
	return [sentence.slice(0, at).trim(), sentence.slice(at + mark.length).trim()];
}
