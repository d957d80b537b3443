//! Import and export for the dev-only fake core. "Choosing a file" always yields the same
//! made-up registration list: one column the real core would not recognise ("Apellido", the
//! family name in Spanish), a few invalid rows, and two rows that match stored attendees by id.
//! Exports pretend to save and return a path. Never shipped.

import type {
	ApiError,
	Attendee,
	AttendeeInput,
	Category,
	ColumnMapping,
	FieldError,
	ImportField,
	ImportOptions,
	ImportProgress,
	ImportReport,
	ImportStart,
	ListKind,
	Preview,
	PreviewRow,
	RowStatus,
	ScheduleFormat,
	Source,
} from "$lib/bindings";
import { fold } from "$lib/countries";
import { IMPORT_FIELDS } from "$lib/exchange";
import { COUNTRIES, EXTRA_FAMILY, EXTRA_GIVEN, ORGS } from "./fake-data";

type Context = {
	attendees: (eventId: string) => Attendee[];
	categories: (eventId: string) => Category[];
	add: (eventId: string, input: AttendeeInput) => Attendee;
	update: (id: string, input: AttendeeInput) => Attendee;
	eventName: (eventId: string) => string;
};

type Table = { headers: string[]; rows: { line: number; cells: string[] }[]; source: Source };

type Planned = {
	line: number;
	input: AttendeeInput;
	existing: Attendee | null;
	unchanged: boolean;
	problems: FieldError[];
};

export const EXCHANGE_COMMANDS = new Set([
	"choose_import_file",
	"preview_import",
	"commit_import",
	"cancel_import",
	"export_list",
	"export_schedule",
]);

const PREVIEW_ROWS = 200;
const PREVIEW_PROBLEMS = 1000;
const SAVE_DIR = "/home/you/Documents";

/** Which field a header names, as far as the fake knows; the real core knows many more. */
const HEADERS: Record<string, ImportField> = {
	id: "id",
	title: "honorific",
	honorific: "honorific",
	firstname: "given_name",
	givenname: "given_name",
	familyname: "family_name",
	lastname: "family_name",
	surname: "family_name",
	country: "country",
	organisation: "organization",
	organization: "organization",
	email: "email",
	category: "category",
};

const TEXT_FIELDS = [
	"honorific",
	"given_name",
	"family_name",
	"given_name_latin",
	"family_name_latin",
	"country",
	"organization",
	"position",
	"category",
	"email",
	"phone",
	"dietary",
	"accessibility",
	"notes",
] as const;

export class FakeExchange {
	#ctx: Context;
	#pending: Table | null = null;

	constructor(ctx: Context) {
		this.#ctx = ctx;
	}

	handle(cmd: string, a: Record<string, unknown>): unknown {
		switch (cmd) {
			case "choose_import_file": {
				const eventId = a.eventId as string;
				this.#pending = this.#table(eventId);
				const start: ImportStart = {
					file_name: "registrations-export (final) 2.csv",
					preview: this.#preview(eventId, suggest(this.#pending.headers), {
						default_category: "guest",
					}),
					fields: [...IMPORT_FIELDS],
				};
				return start;
			}
			case "preview_import":
				return this.#preview(
					a.eventId as string,
					a.columns as ColumnMapping[],
					a.options as ImportOptions,
				);
			case "commit_import":
				return this.#commit(
					a.eventId as string,
					a.columns as ColumnMapping[],
					a.options as ImportOptions,
					Boolean(a.validOnly),
					a.onProgress as { onmessage?: (message: ImportProgress) => void } | undefined,
				);
			case "cancel_import":
				this.#pending = null;
				return null;
			case "export_list": {
				const stem = this.#stem(a.eventId as string);
				const sensitive = a.includeSensitive === true && a.kind === "attendees";
				return `${SAVE_DIR}/${stem}-${a.kind as ListKind}${sensitive ? "-with-passports" : ""}.${a.format as string}`;
			}
			case "export_schedule":
				return this.#scheduleFile(
					a.eventId as string,
					(a.personId as string | null) ?? null,
					a.format as ScheduleFormat,
				);
			default:
				throw new Error(`unknown command ${cmd}`);
		}
	}

	/** The made-up file, built around the event's first two attendees (updated, unchanged). */
	#table(eventId: string): Table {
		const headers = [
			"ID",
			"Title",
			"First name",
			"Apellido",
			"Country",
			"Organisation",
			"E-mail",
			"Category",
		];
		const cells: string[][] = [
			[
				"",
				"Ms",
				"Ana",
				"Martínez",
				"AR",
				"Ministerio de Relaciones Exteriores",
				"ana.martinez@example.org",
				"",
			],
			["", "Mr", "伟", "王", "CN", "国家互联网信息办公室", "wang.wei@example.cn", "official"],
			["", "Dr", "فاطمة", "الزهراء", "Egypt", "جامعة القاهرة", "f.alzahraa@example.eg", "expert"],
			[
				"",
				"Prof",
				"Oluwaseun Adebayo Chukwuemeka",
				"Okonkwo-Adeyemi-Babatunde-Nwachukwu-Oyelaran",
				"NG",
				"Federal Ministry of Communications, Innovation and Digital Economy of the Federal Republic",
				"oluwaseun.okonkwo-adeyemi@communications-innovation-digital.example.ng",
				"",
			],
			[
				"",
				"Mr",
				"Juan",
				"Pérez",
				"Narnia",
				"Ministerio de Tecnología",
				"juan.perez@example.org",
				"",
			],
			["", "Ms", "Lena", "Berg", "DE", "Bundesministerium", "lena.berg(at)example.org", ""],
		];
		const stored = this.#ctx.attendees(eventId).slice(0, 2);
		for (const [i, a] of stored.entries()) {
			cells.push([
				a.id,
				a.honorific,
				a.given_name,
				a.family_name,
				a.country,
				i === 0 ? `${a.organization} (Geneva office)` : a.organization,
				a.email,
				a.category,
			]);
		}
		for (let i = 0; i < 16; i++) {
			const given = EXTRA_GIVEN[i % EXTRA_GIVEN.length] ?? "Alex";
			const family = EXTRA_FAMILY[(i * 3 + 1) % EXTRA_FAMILY.length] ?? "Doe";
			const country = COUNTRIES[(i * 5 + 2) % 40]?.code ?? "FR";
			cells.push([
				"",
				i % 2 === 0 ? "Ms" : "Mr",
				given,
				family,
				country,
				ORGS[i % ORGS.length] ?? "",
				`${fold(given)}.${fold(family)}.${i}@example.net`,
				"",
			]);
		}
		return {
			headers,
			rows: cells.map((row, i) => ({ line: i + 2, cells: row })),
			source: { format: "csv", encoding: "UTF-16LE", delimiter: "tab" },
		};
	}

	#file(): Table {
		if (this.#pending) return this.#pending;
		return fail("validation", [["file", "Choose a file to import first.", null]]);
	}

	#plan(eventId: string, columns: ColumnMapping[], options: ImportOptions): Planned[] {
		const table = this.#file();
		const stored = this.#ctx.attendees(eventId);
		const categories = this.#ctx.categories(eventId);
		const emails = new Map<string, string>(stored.map((a) => [a.email, a.id]));
		const mapped = new Set(columns.flatMap((c) => (c.field ? [c.field] : [])));
		return table.rows.map((row) => {
			const input = blank();
			let id = "";
			columns.forEach((column, i) => {
				const value = (row.cells[i] ?? "").trim();
				switch (column.field) {
					case null:
					case "attending":
						return;
					case "id":
						id = value;
						return;
					case "languages":
						input.languages = value
							.split(/[,;]/)
							.map((s) => s.trim())
							.filter(Boolean);
						return;
					case "name_order":
						input.name_order = value === "family_first" ? "family_first" : "given_first";
						return;
					case "full_name": {
						const parts = value.split(/\s+/);
						input.family_name = parts.pop() ?? "";
						input.given_name = parts.join(" ");
						return;
					}
					default:
						input[column.field] = value;
				}
			});
			if (/\p{Script=Han}/u.test(input.family_name)) input.name_order = "family_first";
			if (input.category === "") input.category = options.default_category;
			const problems: FieldError[] = [];
			const problem = (field: string, message: string) =>
				problems.push({ field, message, row: row.line });
			if (input.family_name === "") problem("family_name", "The family name is required.");
			const country = resolveCountry(input.country);
			if (input.country === "") problem("country", "The country is required.");
			else if (!country)
				problem(
					"country",
					`"${input.country}" is not a known country: write an ISO code (CN, CHN) or the English name.`,
				);
			else input.country = country;
			input.email = input.email.toLowerCase();
			if (input.email !== "" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email))
				problem("email", `"${input.email}" does not look like an email address.`);
			if (!categories.some((c) => c.key === input.category))
				problem("category", `"${input.category}" is not a category of this event.`);
			const existing = stored.find((a) => a.id === id) ?? null;
			const owner = input.email === "" ? undefined : emails.get(input.email);
			if (owner !== undefined && owner !== existing?.id)
				problem("email", `Duplicate: ${input.email} is already used by another attendee.`);
			else if (input.email !== "") emails.set(input.email, existing?.id ?? `line ${row.line}`);
			const unchanged =
				existing !== null &&
				TEXT_FIELDS.every(
					(f) => !mapped.has(f) || existing[f].toLowerCase() === input[f].toLowerCase(),
				);
			return { line: row.line, input, existing, unchanged, problems };
		});
	}

	#preview(eventId: string, columns: ColumnMapping[], options: ImportOptions): Preview {
		const plan = this.#plan(eventId, columns, options);
		const statuses = plan.map(status);
		const count = (s: RowStatus) => statuses.filter((x) => x === s).length;
		const problems = plan.flatMap((p) => p.problems);
		const rows: PreviewRow[] = plan
			.slice(0, PREVIEW_ROWS)
			.map((p, i) => ({ line: p.line, status: statuses[i] ?? "invalid", attendee: p.input }));
		return {
			source: this.#file().source,
			columns,
			total_rows: plan.length,
			new_rows: count("new"),
			updated_rows: count("update"),
			unchanged_rows: count("unchanged"),
			invalid_rows: count("invalid"),
			problems: problems.slice(0, PREVIEW_PROBLEMS),
			problem_count: problems.length,
			rows,
		};
	}

	async #commit(
		eventId: string,
		columns: ColumnMapping[],
		options: ImportOptions,
		validOnly: boolean,
		channel: { onmessage?: (message: ImportProgress) => void } | undefined,
	): Promise<ImportReport> {
		const plan = this.#plan(eventId, columns, options);
		const problems = plan.flatMap((p) => p.problems);
		if (problems.length > 0 && !validOnly)
			fail(
				"validation",
				problems.map((p) => [p.field, p.message, p.row]),
			);
		const report: ImportReport = {
			imported: 0,
			updated: 0,
			unchanged: 0,
			skipped: 0,
			added_ids: [],
		};
		const total = plan.length;
		const mapped = new Set(columns.flatMap((c) => (c.field ? [c.field] : [])));
		for (const [i, row] of plan.entries()) {
			const s = status(row);
			if (s === "invalid") report.skipped++;
			else if (s === "unchanged") report.unchanged++;
			else if (row.existing) {
				const merged = { ...toInput(row.existing) };
				for (const f of TEXT_FIELDS) if (mapped.has(f)) merged[f] = row.input[f];
				this.#ctx.update(row.existing.id, merged);
				report.updated++;
			} else {
				report.added_ids.push(this.#ctx.add(eventId, row.input).id);
				report.imported++;
			}
			if (i % 4 === 3) {
				channel?.onmessage?.({ done: i + 1, total });
				// Slow enough for the progress bar to be seen in the preview.
				await new Promise((resolve) => setTimeout(resolve, 80));
			}
		}
		channel?.onmessage?.({ done: total, total });
		this.#pending = null;
		return report;
	}

	#stem(eventId: string): string {
		return (
			this.#ctx
				.eventName(eventId)
				.split(/[^\p{L}\p{N}]+/u)
				.filter(Boolean)
				.join("-") || "event"
		);
	}

	#scheduleFile(eventId: string, personId: string | null, format: ScheduleFormat): string {
		const extension = { ics: "ics", frab_xml: "xml", frab_json: "json", csv: "csv" }[format];
		const what = format === "frab_xml" || format === "frab_json" ? "schedule" : "programme";
		let stem = `${this.#stem(eventId)}-${what}`;
		if (personId) {
			const person = this.#ctx.attendees(eventId).find((a) => a.id === personId);
			if (!person)
				return fail("not_found", [["person_id", `attendee ${personId} was not found`, null]]);
			stem = `${stem}-${person.family_name_latin || person.family_name}`;
		}
		return `${SAVE_DIR}/${stem}.${extension}`;
	}
}

/** The fake's guess at a file's mapping: a field claimed twice goes to the first column. */
function suggest(headers: string[]): ColumnMapping[] {
	const taken = new Set<ImportField>();
	return headers.map((header) => {
		const found = HEADERS[header.toLowerCase().replace(/[^a-z]/g, "")];
		const field = found && !taken.has(found) ? found : null;
		if (field) taken.add(field);
		return { header, field, unknown: field === null };
	});
}

function status(row: Planned): RowStatus {
	if (row.problems.length > 0) return "invalid";
	if (!row.existing) return "new";
	return row.unchanged ? "unchanged" : "update";
}

function resolveCountry(text: string): string | null {
	const folded = fold(text.trim());
	const found = COUNTRIES.find((c) => fold(c.code) === folded || fold(c.name) === folded);
	return found?.code ?? null;
}

function blank(): AttendeeInput {
	return {
		honorific: "",
		given_name: "",
		family_name: "",
		name_order: "given_first",
		given_name_latin: "",
		family_name_latin: "",
		country: "",
		organization: "",
		position: "",
		category: "",
		email: "",
		phone: "",
		languages: [],
		dietary: "",
		accessibility: "",
		notes: "",
	};
}

function toInput(a: Attendee): AttendeeInput {
	const {
		id: _id,
		event_id: _event,
		created_at: _created,
		updated_at: _updated,
		attending: _attending,
		checked_in_at: _checked,
		...input
	} = a;
	return input;
}

function fail(code: ApiError["code"], fields: [string, string, number | null][]): never {
	const error: ApiError = {
		code,
		message: fields.map(([field, message]) => `${field}: ${message}`).join("; "),
		fields: fields.map(([field, message, row]) => ({ field, message, row })),
	};
	throw error;
}
