import { describe, expect, it, vi } from "vitest";

// sensitive.ts reaches the bindings only through api.ts's error helpers; no command is called.
vi.mock("$lib/bindings", () => ({ commands: {} }));

import { ApiFailure } from "./api";
import { t } from "./i18n";
import {
	readRetention,
	retentionCount,
	retentionFailure,
	sensitiveErrors,
	sensitiveInput,
	sensitiveStatus,
} from "./sensitive";

describe("the masked view", () => {
	it("knows only whether each field is recorded", () => {
		expect(sensitiveStatus({ passport_number: "E123", date_of_birth: "" })).toEqual({
			passport: true,
			dob: false,
		});
		expect(sensitiveStatus({ passport_number: "  ", date_of_birth: "1970-01-01" })).toEqual({
			passport: false,
			dob: true,
		});
	});

	it("never shows a value, only whether there is one", () => {
		expect(t("sensitive.recorded")).toContain("••••••");
		expect(t("sensitive.recorded")).not.toMatch(/\d/);
		expect(t("sensitive.notRecorded")).toBe("Not recorded");
	});
});

describe("the form", () => {
	it("sends trimmed values, empty meaning not recorded", () => {
		expect(sensitiveInput(" E123 ", " 1970-01-02")).toEqual({
			passport_number: "E123",
			date_of_birth: "1970-01-02",
		});
		expect(sensitiveInput("", "")).toEqual({ passport_number: "", date_of_birth: "" });
	});

	it("puts the core's messages under their fields, without a summary when all are placed", () => {
		const failure = new ApiFailure("validation", "2 problems", [
			{
				field: "passport_number",
				code: "field.passport_format",
				params: {},
				message: "x",
				row: null,
			},
			{
				field: "date_of_birth",
				code: "field.birth_date_range",
				params: {},
				message: "x",
				row: null,
			},
		]);
		expect(sensitiveErrors(failure)).toEqual({
			passport_number: "A passport number has 5 to 20 letters and digits.",
			date_of_birth: "The date of birth must be between 1900 and today.",
			summary: null,
		});
	});

	it("adds a summary when a failure names no field of the form", () => {
		const errors = sensitiveErrors(new ApiFailure("io", "disk full"));
		expect(errors.passport_number).toBeUndefined();
		expect(errors.summary).toContain(t("sensitive.saveFailed"));
		const other = sensitiveErrors(
			new ApiFailure("validation", "1 problem", [
				{ field: "attendee_id", code: "error.invalid", params: {}, message: "x", row: null },
			]),
		);
		expect(other.summary).not.toBeNull();
	});
});

describe("the retention setting", () => {
	it("saves a whole number of days that differs from the saved one", () => {
		expect(readRetention("days", "30", null)).toEqual({ kind: "save", days: 30 });
		expect(readRetention("days", " 7 ", 30)).toEqual({ kind: "save", days: 7 });
		expect(readRetention("days", "0", 30)).toEqual({ kind: "save", days: 0 });
		expect(readRetention("days", "030", 30)).toEqual({ kind: "unchanged" });
	});

	it("switches to keeping until purged by hand, once", () => {
		expect(readRetention("manual", "30", 30)).toEqual({ kind: "save", days: null });
		expect(readRetention("manual", "abc", null)).toEqual({ kind: "unchanged" });
	});

	it("stops text that cannot be sent", () => {
		for (const text of ["", "-1", "2.5", "1e1", "thirty", "4294967296"]) {
			expect(readRetention("days", text, 30), text).toEqual({ kind: "invalid" });
		}
	});

	it("the sentence agrees with the number being typed, else the saved one", () => {
		expect(retentionCount("1", 30)).toBe(1);
		expect(retentionCount("", 30)).toBe(30);
		expect(t("sensitive.retention.days", { count: 1, field: "X" })).toBe(
			"Purge X day after the event ends",
		);
		expect(t("sensitive.retention.days", { count: 2, field: "X" })).toBe(
			"Purge X days after the event ends",
		);
	});

	it("shows the core's words for retention_days, else what did not happen", () => {
		const refused = new ApiFailure("validation", "1 problem", [
			{
				field: "retention_days",
				code: "field.retention_range",
				params: { max: "3650" },
				message: "x",
				row: null,
			},
		]);
		expect(retentionFailure(refused)).toBe(
			"Keep sensitive data at most 3,650 days (ten years) after the event.",
		);
		expect(retentionFailure(new ApiFailure("io", "locked"))).toContain(
			t("sensitive.retention.failed"),
		);
	});
});

describe("the purge confirmation", () => {
	it("says it cannot be undone and how many people it concerns", () => {
		const message = t("sensitive.purge.message", { count: 3, formatted: "3" });
		expect(message).toContain("3 people");
		expect(message).toContain("cannot be undone");
		expect(t("sensitive.purge.message", { count: 1, formatted: "1" })).toContain("1 person");
	});
});
