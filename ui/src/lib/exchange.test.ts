import { describe, expect, it, vi } from "vitest";
import { ApiFailure } from "$lib/api";
import type { ColumnMapping, ImportField, Preview } from "$lib/bindings";
import {
	exportFailure,
	fieldLabel,
	fieldOption,
	headerText,
	IMPORT_FIELDS,
	importedMessage,
	importFailure,
	problemText,
	saveExport,
	setMapping,
	sourceLabel,
	statusLabel,
	summarise,
} from "$lib/exchange";
import { hasKey, t } from "$lib/i18n";

function preview(parts: Partial<Preview> = {}): Preview {
	return {
		source: { format: "csv", encoding: "UTF-8", delimiter: "," },
		columns: [],
		total_rows: 0,
		new_rows: 0,
		updated_rows: 0,
		unchanged_rows: 0,
		invalid_rows: 0,
		problems: [],
		problem_count: 0,
		rows: [],
		...parts,
	};
}

function col(header: string, field: ImportField | null, unknown = false): ColumnMapping {
	return { header, field, unknown };
}

describe("sourceLabel", () => {
	it("names the encoding and the delimiter of a CSV file", () => {
		expect(sourceLabel({ format: "csv", encoding: "UTF-16LE", delimiter: "tab" })).toBe(
			"CSV, UTF-16LE, tab-separated",
		);
		expect(sourceLabel({ format: "csv", encoding: "GBK", delimiter: ";" })).toBe(
			"CSV, GBK, semicolon-separated",
		);
		expect(sourceLabel({ format: "csv", encoding: "UTF-8", delimiter: "," })).toBe(
			"CSV, UTF-8, comma-separated",
		);
	});

	it("quotes an unusual delimiter and leaves out what the core did not say", () => {
		expect(sourceLabel({ format: "csv", encoding: "", delimiter: "|" })).toBe(
			"CSV, separated by “|”",
		);
		expect(sourceLabel({ format: "csv", encoding: "UTF-8", delimiter: "" })).toBe("CSV, UTF-8");
	});

	it("calls a workbook a workbook, whatever else is set", () => {
		expect(sourceLabel({ format: "xlsx", encoding: "", delimiter: "" })).toBe("Excel workbook");
	});
});

describe("summarise", () => {
	it("counts each status in order, with words and grouped digits", () => {
		const s = summarise(
			preview({
				total_rows: 1250,
				new_rows: 1200,
				updated_rows: 30,
				unchanged_rows: 19,
				invalid_rows: 1,
			}),
		);
		expect(s.totalLabel).toBe("1,250 rows");
		expect(s.items.map((i) => i.status)).toEqual(["new", "update", "unchanged", "invalid"]);
		expect(s.items.map((i) => i.label)).toEqual([
			"1,200 new",
			"30 to update",
			"19 unchanged",
			"1 invalid",
		]);
		expect(s.valid).toBe(1249);
	});

	it("allows importing everything only when no row is invalid", () => {
		const clean = summarise(preview({ total_rows: 3, new_rows: 3 }));
		expect(clean.canImportAll).toBe(true);
		expect(clean.canImportValid).toBe(false);
		const dirty = summarise(preview({ total_rows: 3, new_rows: 2, invalid_rows: 1 }));
		expect(dirty.canImportAll).toBe(false);
		expect(dirty.canImportValid).toBe(true);
	});

	it("offers nothing for an empty file or one whose rows are all invalid", () => {
		const empty = summarise(preview());
		expect(empty.canImportAll).toBe(false);
		expect(empty.canImportValid).toBe(false);
		expect(empty.totalLabel).toBe("0 rows");
		const bad = summarise(preview({ total_rows: 2, invalid_rows: 2 }));
		expect(bad.canImportAll).toBe(false);
		expect(bad.canImportValid).toBe(false);
	});

	it("says when the problem list or the row preview is cut short", () => {
		const problems = Array.from({ length: 1000 }, (_, i) => ({
			field: "email",
			code: "field.not_an_email",
			params: {},
			message: "bad",
			row: i + 2,
		}));
		const cut = summarise(
			preview({ total_rows: 5000, invalid_rows: 1500, problems, problem_count: 1500 }),
		);
		expect(cut.problemsNote).toBe("Showing the first 1,000 of 1,500 problems.");
		expect(cut.rowsNote).toBe("Showing the first 0 of 5,000 rows.");
		const whole = summarise(preview({ problems: problems.slice(0, 2), problem_count: 2 }));
		expect(whole.problemsNote).toBeNull();
		expect(whole.rowsNote).toBeNull();
	});
});

describe("setMapping", () => {
	const columns = [
		col("Surname", "family_name"),
		col("Apellido", null, true),
		col("Email", "email"),
	];

	it("sets the field of one column", () => {
		const next = setMapping(columns, 2, "phone");
		expect(next.map((c) => c.field)).toEqual(["family_name", null, "phone"]);
	});

	it("moves a field: the column that had it is left out, so no field is mapped twice", () => {
		const next = setMapping(columns, 1, "family_name");
		expect(next.map((c) => c.field)).toEqual([null, "family_name", "email"]);
		const fields = next.flatMap((c) => (c.field ? [c.field] : []));
		expect(new Set(fields).size).toBe(fields.length);
	});

	it("leaves other columns alone when a column is set to Don't import", () => {
		const next = setMapping(columns, 0, null);
		expect(next.map((c) => c.field)).toEqual([null, null, "email"]);
	});

	it("keeps headers and flags, and never changes its input", () => {
		const before = structuredClone(columns);
		const next = setMapping(columns, 1, "email");
		expect(columns).toEqual(before);
		expect(next[1]).toEqual({ header: "Apellido", field: "email", unknown: true });
		expect(next[2]).toEqual({ header: "Email", field: null, unknown: false });
	});
});

describe("labels", () => {
	it("every import field has a label of its own", () => {
		expect(IMPORT_FIELDS).toHaveLength(19);
		for (const field of IMPORT_FIELDS) {
			expect(hasKey(`exchange.fields.${field}`)).toBe(true);
			expect(fieldLabel(field)).not.toBe(field);
		}
		expect(fieldLabel("family_name")).toBe("Family name");
	});

	it("labels a list item by its list, and shows an unknown field as written", () => {
		expect(fieldLabel("languages[1]")).toBe("Languages");
		expect(fieldLabel("file")).toBe("file");
	});

	it("names a column without a header by its position", () => {
		expect(headerText(col("Apellido", null), 0)).toBe("Apellido");
		expect(headerText(col("  ", null), 3)).toBe("Column 4 (no header)");
	});

	it("says which column a field would be taken from", () => {
		const columns = [col("Surname", "family_name"), col("Apellido", null, true)];
		expect(fieldOption(columns, 1, "family_name")).toBe(
			"Family name (now from “\u2068Surname\u2069”)",
		);
		expect(fieldOption(columns, 0, "family_name")).toBe("Family name");
		expect(fieldOption(columns, 1, "email")).toBe("Email");
	});

	it("gives each row status its own badge text", () => {
		const labels = (["new", "update", "unchanged", "invalid"] as const).map(statusLabel);
		expect(labels).toEqual(["New", "Update", "Unchanged", "Invalid"]);
	});
});

describe("problemText", () => {
	it("says the line, the field and the message", () => {
		expect(
			problemText({
				field: "email",
				code: "field.not_an_email",
				params: { value: "x@" },
				message: "RUST-ENGLISH-SENTINEL",
				row: 14,
			}),
		).toBe('Line 14 · Email · "\u2068x@\u2069" does not look like an email address.');
	});

	it("leaves out the line when the problem is not in one", () => {
		expect(
			problemText({
				field: "file",
				code: "import.empty_file",
				params: {},
				message: "RUST-ENGLISH-SENTINEL",
				row: null,
			}),
		).toBe("file · The file is empty: it has no header row.");
	});
});

describe("importedMessage", () => {
	it("counts added, updated and unchanged attendees", () => {
		expect(
			importedMessage({ imported: 1200, updated: 3, unchanged: 40, skipped: 0, added_ids: [] }),
		).toBe("Imported 1,200 attendees (3 updated, 40 unchanged)");
		expect(
			importedMessage({ imported: 1, updated: 0, unchanged: 0, skipped: 0, added_ids: ["a"] }),
		).toBe("Imported 1 attendee (0 updated, 0 unchanged)");
	});

	it("mentions the invalid rows that were left out", () => {
		expect(
			importedMessage({ imported: 5, updated: 0, unchanged: 0, skipped: 2, added_ids: [] }),
		).toBe("Imported 5 attendees (0 updated, 0 unchanged) · 2 invalid rows left out");
	});
});

describe("importFailure", () => {
	it("counts the rows with problems rather than the problems", () => {
		const error = new ApiFailure("validation", "3 problems", [
			{ field: "email", code: "field.not_an_email", params: {}, message: "bad", row: 4 },
			{ field: "country", code: "import.unknown_country", params: {}, message: "unknown", row: 4 },
			{ field: "email", code: "field.not_an_email", params: {}, message: "bad", row: 9 },
		]);
		const text = importFailure(error, "Nothing was imported.");
		expect(text.summary).toBe(
			"Nothing was imported. 2 rows have problems; they are listed below. Correct them, or import only the valid rows.",
		);
		expect(text.detail).toBeNull();
	});

	it("quotes a problem with the file itself, which says what to do", () => {
		const error = {
			code: "validation",
			message: "RUST-ENGLISH-SENTINEL",
			fields: [
				{
					field: "file",
					code: "import.too_many_rows",
					params: { max: "100000" },
					message: "RUST-ENGLISH-SENTINEL",
					row: null,
				},
			],
		};
		expect(importFailure(error, "The file could not be imported.").summary).toBe(
			"The file could not be imported. The file has more than 100,000 rows; it is not imported. Split it into smaller files.",
		);
	});

	it("says how to free a file that could not be read", () => {
		const text = importFailure(
			new ApiFailure("io", "Permission denied (os error 13)", [], "error.io_denied", {
				path: "list.csv",
			}),
			"The file could not be imported.",
		);
		expect(text.summary).toContain("close it there and try again");
		expect(text.detail).toBe("Plenary is not allowed to read or write \u2068list.csv\u2069.");
	});

	it("falls back to the general words for other failures", () => {
		const text = importFailure(
			new ApiFailure("internal", "disk I/O error", [], "error.database"),
			"Nothing was imported.",
		);
		expect(text.summary).toMatch(/^Nothing was imported\. Something unexpected/);
		expect(text.detail).toBe(t("messages.error.database"));
	});
});

describe("saveExport", () => {
	it("announces where the file was saved", async () => {
		const toast = vi.fn();
		const result = await saveExport(async () => "/home/me/Attendees.xlsx", toast);
		expect(result).toBeNull();
		expect(toast).toHaveBeenCalledWith("Saved to \u2068/home/me/Attendees.xlsx\u2069");
	});

	it("says nothing when the Save dialog was cancelled", async () => {
		const toast = vi.fn();
		expect(await saveExport(async () => null, toast)).toBeNull();
		expect(toast).not.toHaveBeenCalled();
	});

	it("returns the failure to show, without a toast", async () => {
		const toast = vi.fn();
		const result = await saveExport(async () => {
			throw {
				code: "io",
				message_code: "error.io_denied",
				params: { path: "/media/cd/Attendees.xlsx" },
				message: "read-only file system",
				fields: [],
			};
		}, toast);
		expect(toast).not.toHaveBeenCalled();
		expect(result?.summary).toMatch(/^The file was not saved\. It could not be written there/);
		expect(result?.detail).toBe(
			"Plenary is not allowed to read or write \u2068/media/cd/Attendees.xlsx\u2069.",
		);
	});

	it("words a non-file failure like any other", () => {
		const text = exportFailure(new ApiFailure("not_found", "event e1 was not found"));
		expect(text.summary).toMatch(/^The file was not saved\. It no longer exists/);
	});
});
