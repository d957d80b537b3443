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
			{ field: "passport_number", message: "use letters and digits", row: null },
			{ field: "date_of_birth", message: "is in the future", row: null },
		]);
		expect(sensitiveErrors(failure)).toEqual({
			passport_number: "Use letters and digits.",
			date_of_birth: "Is in the future.",
			summary: null,
		});
	});

	it("adds a summary when a failure names no field of the form", () => {
		const errors = sensitiveErrors(new ApiFailure("io", "disk full"));
		expect(errors.passport_number).toBeUndefined();
		expect(errors.summary).toContain(t("sensitive.saveFailed"));
		const other = sensitiveErrors(
			new ApiFailure("validation", "1 problem", [
				{ field: "attendee_id", message: "x", row: null },
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
			{ field: "retention_days", message: "keep it 0 to 3650 days", row: null },
		]);
		expect(retentionFailure(refused)).toBe("Keep it 0 to 3650 days.");
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
