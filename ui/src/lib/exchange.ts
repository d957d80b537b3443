//! The words and rules of import and export that do not need a screen: the source line of a
//! file, the counts of a preview, the column mapping (one field from one column only), problem
//! lines, and what to say when something fails.

import {
	describeFailure,
	type FailureText,
	failureText,
	fieldText,
	normaliseField,
	toFailure,
} from "$lib/api";
import type {
	ColumnMapping,
	FieldError,
	ImportField,
	ImportReport,
	Preview,
	RowStatus,
	Source,
} from "$lib/bindings";
import { formatNumber, hasKey, isolate, t } from "$lib/i18n";

// Written as a record so that the compiler notices when the bindings gain or lose a field.
const FIELD_SET = {
	id: true,
	honorific: true,
	given_name: true,
	family_name: true,
	full_name: true,
	name_order: true,
	given_name_latin: true,
	family_name_latin: true,
	country: true,
	organization: true,
	position: true,
	category: true,
	email: true,
	phone: true,
	languages: true,
	dietary: true,
	accessibility: true,
	notes: true,
	attending: true,
} satisfies Record<ImportField, true>;

/** Every field a column can be imported into; each has a label `exchange.fields.<field>`. */
export const IMPORT_FIELDS = Object.keys(FIELD_SET) as ImportField[];

/** What an import does to a row, in the order the summary lists them. */
export const ROW_STATUSES: readonly RowStatus[] = ["new", "update", "unchanged", "invalid"];

/** The label of an import field, or of a field a problem names ("languages.1" → Languages). */
export function fieldLabel(field: string): string {
	const base = normaliseField(field).split(".")[0] ?? field;
	const key = `exchange.fields.${base}`;
	return base !== "" && hasKey(key) ? t(key) : field;
}

/** How the file was read: "CSV, UTF-16LE, tab-separated" or "Excel workbook". */
export function sourceLabel(source: Source): string {
	if (source.format === "xlsx") return t("exchange.import.source.xlsx");
	const parts = [t("exchange.import.source.csv")];
	if (source.encoding !== "") parts.push(source.encoding);
	if (source.delimiter !== "") parts.push(delimiterLabel(source.delimiter));
	return parts.join(", ");
}

function delimiterLabel(delimiter: string): string {
	switch (delimiter) {
		case "tab":
		case "\t":
			return t("exchange.import.delimiters.tab");
		case ",":
			return t("exchange.import.delimiters.comma");
		case ";":
			return t("exchange.import.delimiters.semicolon");
		default:
			return t("exchange.import.delimiters.other", { delimiter });
	}
}

/** One count of the summary: "12 new", "2 invalid". */
export type SummaryItem = { status: RowStatus; count: number; label: string };

/** What the top of the import review says, and which buttons make sense. */
export type PreviewSummary = {
	total: number;
	/** "118 rows". */
	totalLabel: string;
	items: SummaryItem[];
	valid: number;
	invalid: number;
	/** "Import N rows" is allowed: there are rows and none is invalid. */
	canImportAll: boolean;
	/** "Import only the N valid rows" is offered: some rows are invalid, some are not. */
	canImportValid: boolean;
	/** "Showing the first 1,000 of 1,234 problems", when the list is cut. */
	problemsNote: string | null;
	/** "Showing the first 200 of 5,000 rows", when the preview table is cut. */
	rowsNote: string | null;
};

export function summarise(preview: Preview): PreviewSummary {
	const counts: Record<RowStatus, number> = {
		new: preview.new_rows,
		update: preview.updated_rows,
		unchanged: preview.unchanged_rows,
		invalid: preview.invalid_rows,
	};
	const items = ROW_STATUSES.map((status) => ({
		status,
		count: counts[status],
		label: statusCount(status, counts[status]),
	}));
	const total = preview.total_rows;
	const invalid = preview.invalid_rows;
	const valid = Math.max(total - invalid, 0);
	return {
		total,
		totalLabel: t("exchange.import.rows", { count: total, formatted: formatNumber(total) }),
		items,
		valid,
		invalid,
		canImportAll: total > 0 && invalid === 0,
		canImportValid: invalid > 0 && valid > 0,
		problemsNote:
			preview.problem_count > preview.problems.length
				? t("exchange.import.problems.truncated", {
						shown: formatNumber(preview.problems.length),
						total: formatNumber(preview.problem_count),
					})
				: null,
		rowsNote:
			total > preview.rows.length
				? t("exchange.import.preview.truncated", {
						shown: formatNumber(preview.rows.length),
						total: formatNumber(total),
					})
				: null,
	};
}

function statusCount(status: RowStatus, count: number): string {
	const options = { count, formatted: formatNumber(count) };
	switch (status) {
		case "new":
			return t("exchange.import.counts.new", options);
		case "update":
			return t("exchange.import.counts.update", options);
		case "unchanged":
			return t("exchange.import.counts.unchanged", options);
		default:
			return t("exchange.import.counts.invalid", options);
	}
}

/** The badge of one row of the preview table. */
export function statusLabel(status: RowStatus): string {
	switch (status) {
		case "new":
			return t("exchange.import.status.new");
		case "update":
			return t("exchange.import.status.update");
		case "unchanged":
			return t("exchange.import.status.unchanged");
		default:
			return t("exchange.import.status.invalid");
	}
}

/**
 * The mapping after column `index` is set to `field` (null: "Don't import"). A field comes
 * from one column only, so any other column that had it is left out. The input is not changed.
 */
export function setMapping(
	columns: readonly ColumnMapping[],
	index: number,
	field: ImportField | null,
): ColumnMapping[] {
	return columns.map((column, i) => {
		if (i === index) return { ...column, field };
		if (field !== null && column.field === field) return { ...column, field: null };
		return column;
	});
}

/** A column's header as shown: its text, or "Column 3 (no header)" when the file left it empty. */
export function headerText(column: ColumnMapping, index: number): string {
	return column.header.trim() !== ""
		? column.header
		: t("exchange.import.mapping.untitled", { n: index + 1 });
}

/**
 * The text of `field` in the select of column `index`. A field another column has says so
 * ("Family name (now from “Surname”)"), since choosing it moves it here.
 */
export function fieldOption(
	columns: readonly ColumnMapping[],
	index: number,
	field: ImportField,
): string {
	const owner = columns.findIndex((c, i) => i !== index && c.field === field);
	const column = columns[owner];
	if (!column) return fieldLabel(field);
	return t("exchange.import.mapping.usedBy", {
		field: fieldLabel(field),
		header: isolate(headerText(column, owner)),
	});
}

/** One line of the problem list: "Line 4 · Email · "x" does not look like an email address." */
export function problemText(problem: FieldError): string {
	const parts = [fieldLabel(problem.field), fieldText(problem)];
	if (problem.row !== null)
		parts.unshift(t("exchange.import.problems.line", { line: problem.row }));
	return parts.filter((p) => p !== "").join(" · ");
}

/** The toast after a commit: "Imported 12 attendees (3 updated, 40 unchanged)". */
export function importedMessage(report: ImportReport): string {
	const done = t("exchange.import.done", {
		count: report.imported,
		formatted: formatNumber(report.imported),
		updated: formatNumber(report.updated),
		unchanged: formatNumber(report.unchanged),
	});
	if (report.skipped === 0) return done;
	const skipped = t("exchange.import.skipped", {
		count: report.skipped,
		formatted: formatNumber(report.skipped),
	});
	return `${done} · ${skipped}`;
}

/**
 * Words for a failed import step. `action` says what did not happen. Row problems are counted
 * (the dialog lists them); a problem with the file itself is quoted, since it says what to do.
 */
export function importFailure(error: unknown, action: string): FailureText {
	const failure = toFailure(error);
	if (failure.code === "validation" && failure.fields.length > 0) {
		const rows = new Set(failure.fields.map((f) => f.row).filter((r) => r !== null));
		if (rows.size > 0) {
			const why = t("exchange.import.invalidRows", {
				count: rows.size,
				formatted: formatNumber(rows.size),
			});
			return { summary: `${action} ${why}`, detail: null };
		}
		const why = failure.fields.map(fieldText).join(" ");
		return { summary: `${action} ${why}`, detail: null };
	}
	if (failure.code === "io") {
		return {
			summary: `${action} ${t("exchange.import.ioFailed")}`,
			detail: failureText(failure) || null,
		};
	}
	return describeFailure(failure, action);
}

/** Words for a failed export: a file that could not be written says where to look. */
export function exportFailure(error: unknown): FailureText {
	const failure = toFailure(error);
	const action = t("exchange.export.failed");
	if (failure.code === "io") {
		return {
			summary: `${action} ${t("exchange.export.ioFailed")}`,
			detail: failureText(failure) || null,
		};
	}
	return describeFailure(failure, action);
}

/**
 * Runs an export (which asks where to save), says where it went, and returns the failure to
 * show, or null. A cancelled Save dialog (null path) says nothing.
 */
export async function saveExport(
	run: () => Promise<string | null>,
	toast: (message: string) => void,
): Promise<FailureText | null> {
	try {
		const path = await run();
		if (path) toast(t("exchange.export.saved", { path: isolate(path) }));
		return null;
	} catch (e) {
		return exportFailure(e);
	}
}
