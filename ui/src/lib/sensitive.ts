//! Passport numbers and dates of birth: kept apart from the attendee record, shown masked until
//! the user reveals them, left out of exports unless asked, and purged after the event. This
//! file holds the logic of their form and of the event's retention setting; the checks
//! themselves are the core's, so that its words are the ones the user reads.

import { describeFailure, fieldMessages } from "$lib/api";
import type { SensitiveData } from "$lib/bindings";
import { t } from "$lib/i18n";

/** Which fields hold something: all the masked view may know about the values. */
export type SensitiveStatus = { passport: boolean; dob: boolean };

/** What is recorded, without the values themselves (so they can be dropped at once). */
export function sensitiveStatus(data: SensitiveData): SensitiveStatus {
	return {
		passport: data.passport_number.trim() !== "",
		dob: data.date_of_birth.trim() !== "",
	};
}

/** What the form sends: trimmed values, empty meaning "not recorded" (which removes it). */
export function sensitiveInput(passport: string, dob: string): SensitiveData {
	return { passport_number: passport.trim(), date_of_birth: dob.trim() };
}

/** The form's errors: the core's words under each field, and a summary for anything else. */
export type SensitiveErrors = {
	passport_number?: string;
	date_of_birth?: string;
	summary: string | null;
};

export function sensitiveErrors(error: unknown): SensitiveErrors {
	const fields = fieldMessages(error);
	const out: SensitiveErrors = { summary: null };
	if (fields.passport_number) out.passport_number = fields.passport_number;
	if (fields.date_of_birth) out.date_of_birth = fields.date_of_birth;
	const placed = Object.keys(fields).filter(
		(f) => f === "passport_number" || f === "date_of_birth",
	).length;
	// A summary whenever something cannot be shown under a field.
	if (placed === 0 || placed < Object.keys(fields).length) {
		out.summary = describeFailure(error, t("sensitive.saveFailed")).summary;
	}
	return out;
}

/** The largest retention the core's `u32` argument can take. */
const U32_MAX = 4_294_967_295;

/** How long the data is kept: some days after the event ends, or until purged by hand. */
export type RetentionMode = "days" | "manual";

export type RetentionDraft =
	| { kind: "unchanged" }
	| { kind: "invalid" }
	| { kind: "save"; days: number | null };

/**
 * Reads the retention controls against the value the core last confirmed (`saved`, null for
 * "keep until purged by hand"). Only text that cannot be sent at all is stopped here; the
 * range is the core's to check.
 */
export function readRetention(
	mode: RetentionMode,
	text: string,
	saved: number | null,
): RetentionDraft {
	if (mode === "manual")
		return saved === null ? { kind: "unchanged" } : { kind: "save", days: null };
	const trimmed = text.trim();
	if (!/^\d+$/.test(trimmed)) return { kind: "invalid" };
	const days = Number(trimmed);
	if (days > U32_MAX) return { kind: "invalid" };
	return days === saved ? { kind: "unchanged" } : { kind: "save", days };
}

/** The number the retention sentence agrees with ("1 day", "30 days"): the whole number being
 * typed, else `fallback`. */
export function retentionCount(text: string, fallback: number): number {
	const trimmed = text.trim();
	return /^\d+$/.test(trimmed) ? Number(trimmed) : fallback;
}

/** The message under the retention field when the core refused a value or saving failed. */
export function retentionFailure(error: unknown): string {
	const fields = fieldMessages(error);
	return (
		fields.retention_days ??
		fields.days ??
		describeFailure(error, t("sensitive.retention.failed")).summary
	);
}
