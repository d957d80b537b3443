import { describe, expect, it, vi } from "vitest";

// backups.ts reaches the bindings only through api.ts's error helpers; no command is called.
vi.mock("$lib/bindings", () => ({ commands: {} }));

import { aroundField, FIELD_MARK, keepCount, keepFailure, readKeep } from "./backups";
import { t } from "./i18n";

describe("reading the 'keep' field", () => {
	it("saves a whole number that differs from the saved one", () => {
		expect(readKeep("12", 10)).toEqual({ kind: "save", keep: 12 });
		expect(readKeep(" 7 ", 10)).toEqual({ kind: "save", keep: 7 });
		expect(readKeep("010", 12)).toEqual({ kind: "save", keep: 10 });
	});

	it("does nothing when the value is the saved one", () => {
		expect(readKeep("10", 10)).toEqual({ kind: "unchanged" });
		expect(readKeep("010", 10)).toEqual({ kind: "unchanged" });
	});

	it("stops text that the core's u32 could not take", () => {
		for (const text of ["", "  ", "-1", "2.5", "1e1", "ten", "4294967296"]) {
			expect(readKeep(text, 10), text).toEqual({ kind: "invalid" });
		}
		expect(readKeep("4294967295", 10)).toEqual({ kind: "save", keep: 4294967295 });
	});

	it("leaves the range to the core, so that its message is shown", () => {
		expect(readKeep("0", 10)).toEqual({ kind: "save", keep: 0 });
		expect(readKeep("500", 10)).toEqual({ kind: "save", keep: 500 });
	});

	it("the sentence agrees with the number being typed, else with the saved one", () => {
		expect(keepCount("1", 10)).toBe(1);
		expect(keepCount("", 1)).toBe(1);
		expect(keepCount("abc", 5)).toBe(5);
	});
});

describe("the sentence around the field", () => {
	it("splits at the mark, trimmed", () => {
		expect(aroundField(`Keep the last ${FIELD_MARK} automatic backups`, FIELD_MARK)).toEqual([
			"Keep the last",
			"automatic backups",
		]);
	});

	it("allows the field first or last, as a language's word order needs", () => {
		expect(aroundField(`${FIELD_MARK} backups`, FIELD_MARK)).toEqual(["", "backups"]);
		expect(aroundField(`Keep ${FIELD_MARK}`, FIELD_MARK)).toEqual(["Keep", ""]);
	});

	it("puts a sentence without the mark before the field", () => {
		expect(aroundField(" Backups to keep ", FIELD_MARK)).toEqual(["Backups to keep", ""]);
	});

	it("en.json's sentence has the field, with singular and plural", () => {
		const one = t("settings.keep", { count: 1, field: FIELD_MARK });
		const many = t("settings.keep", { count: 5, field: FIELD_MARK });
		expect(aroundField(one, FIELD_MARK)).toEqual(["Keep the last", "automatic backup"]);
		expect(aroundField(many, FIELD_MARK)).toEqual(["Keep the last", "automatic backups"]);
	});
});

describe("words under the field when saving fails", () => {
	it("shows the core's message for backups_keep, from its code", () => {
		// The core's code (backup::set_keep_setting) with its parameters, rendered here.
		const refused = {
			code: "validation",
			message: "RUST-ENGLISH-SENTINEL",
			fields: [
				{
					field: "backups_keep",
					code: "field.backups_keep_range",
					params: { max: "1000", value: "0" },
					message: "RUST-ENGLISH-SENTINEL",
					row: null,
				},
			],
		};
		expect(keepFailure(refused)).toBe("Keep between 1 and 1,000 backups (you asked for 0).");
	});

	it("says what did not happen when no field is named", () => {
		const io = { code: "io", message: "disk full", fields: [] };
		expect(keepFailure(io)).toBe(`${t("settings.keepFailed")} ${t("errors.io")}`);
		expect(keepFailure(new Error("no IPC"))).toContain(t("settings.keepFailed"));
	});
});
