//! What can be exported, for the "Import and export" screen: one row per export, each with its
//! formats, and the command that writes each. The screens' own Export menus use the same
//! `ExportItem` shape, so that every export goes through `ExportTask` and says the same things.

import type { ListKind, ScheduleFormat, TableFormat } from "$lib/bindings";
import { exchangeApi } from "$lib/exchange-api";
import { t } from "$lib/i18n";

/** One format of an export; `run` asks where to save (native dialog) and returns the path. */
export type ExportItem = { id: string; label: string; run: () => Promise<string | null> };

/** Items under an optional heading ("Programme", "Lists"). */
export type ExportGroup = { label?: string; items: ExportItem[] };

/** What a file holds and how it is written. */
export type ExportTarget =
	| { kind: "list"; list: ListKind; format: TableFormat; sensitive?: boolean }
	| { kind: "schedule"; format: ScheduleFormat };

/**
 * One button of a row: `short` is its visible text ("CSV"), `label` says the whole of it
 * ("Attendees as CSV") for screen readers and tooltips, and contains `short`.
 */
export type ExportChoice = ExportItem & { short: string; target: ExportTarget };

/**
 * One row of the screen: an export, what it holds, and its formats. `sensitiveChoices` are the
 * same list with passport numbers and dates of birth, which the screen runs only after a
 * warning the user confirms.
 */
export type ExportRow = {
	id: string;
	title: string;
	description: string;
	choices: ExportChoice[];
	sensitiveChoices?: ExportChoice[];
};

/** The rows under one heading of the screen. */
export type ExportSection = { id: "lists" | "programme"; label: string; rows: ExportRow[] };

/**
 * Writes `target` for the whole event (never one person's agenda). Passport numbers and dates
 * of birth go in only for a target marked `sensitive`, and only in the attendee list.
 */
export function runExport(eventId: string, target: ExportTarget): Promise<string | null> {
	if (target.kind === "schedule") return exchangeApi.exportSchedule(eventId, null, target.format);
	const sensitive = target.sensitive === true && target.list === "attendees";
	return exchangeApi.exportList(eventId, target.list, target.format, sensitive);
}

/** The visible text of a format button. */
export function formatShort(target: ExportTarget): string {
	switch (target.format) {
		case "csv":
			return t("exchange.hub.formats.csv");
		case "xlsx":
			return t("exchange.hub.formats.xlsx");
		case "ics":
			return t("exchange.hub.formats.ics");
		case "frab_xml":
			return t("exchange.hub.formats.frabXml");
		default:
			return t("exchange.hub.formats.frabJson");
	}
}

/**
 * The id of a format button, also its test id: "attendees-csv", "programme-frab-json",
 * "attendees-sensitive-xlsx".
 */
export function choiceId(target: ExportTarget): string {
	const what =
		target.kind === "list" ? `${target.list}${target.sensitive ? "-sensitive" : ""}` : "programme";
	return `${what}-${target.format.replace("_", "-")}`;
}

function choice(eventId: string, target: ExportTarget, label: string): ExportChoice {
	return {
		id: choiceId(target),
		label,
		short: formatShort(target),
		target,
		run: () => runExport(eventId, target),
	};
}

function list(eventId: string, kind: ListKind, format: TableFormat, label: string): ExportChoice {
	return choice(eventId, { kind: "list", list: kind, format }, label);
}

function schedule(eventId: string, format: ScheduleFormat, label: string): ExportChoice {
	return choice(eventId, { kind: "schedule", format }, label);
}

/** Everything the screen offers for the event, in the order it shows them. */
export function exportSections(eventId: string): ExportSection[] {
	return [
		{
			id: "lists",
			label: t("exchange.export.lists"),
			rows: [
				{
					id: "attendees",
					title: t("exchange.hub.rows.attendees"),
					description: t("exchange.hub.rows.attendeesText"),
					choices: [
						list(eventId, "attendees", "csv", t("exchange.export.attendeesCsv")),
						list(eventId, "attendees", "xlsx", t("exchange.export.attendeesXlsx")),
					],
					sensitiveChoices: [
						choice(
							eventId,
							{ kind: "list", list: "attendees", format: "csv", sensitive: true },
							t("exchange.sensitiveExport.csv"),
						),
						choice(
							eventId,
							{ kind: "list", list: "attendees", format: "xlsx", sensitive: true },
							t("exchange.sensitiveExport.xlsx"),
						),
					],
				},
				{
					id: "delegations",
					title: t("exchange.hub.rows.delegations"),
					description: t("exchange.hub.rows.delegationsText"),
					choices: [
						list(eventId, "delegations", "csv", t("exchange.export.delegationsCsv")),
						list(eventId, "delegations", "xlsx", t("exchange.export.delegationsXlsx")),
					],
				},
				{
					id: "sessions",
					title: t("exchange.hub.rows.sessions"),
					description: t("exchange.hub.rows.sessionsText"),
					choices: [
						list(eventId, "sessions", "csv", t("exchange.export.sessionsCsv")),
						list(eventId, "sessions", "xlsx", t("exchange.export.sessionsXlsx")),
					],
				},
				{
					id: "assignments",
					title: t("exchange.hub.rows.assignments"),
					description: t("exchange.hub.rows.assignmentsText"),
					choices: [
						list(eventId, "assignments", "csv", t("exchange.export.assignmentsCsv")),
						list(eventId, "assignments", "xlsx", t("exchange.export.assignmentsXlsx")),
					],
				},
				{
					id: "signups",
					title: t("exchange.hub.rows.signups"),
					description: t("exchange.hub.rows.signupsText"),
					choices: [
						list(eventId, "signups", "csv", t("exchange.export.signupsCsv")),
						list(eventId, "signups", "xlsx", t("exchange.export.signupsXlsx")),
					],
				},
				{
					id: "participants",
					title: t("exchange.hub.rows.participants"),
					description: t("exchange.hub.rows.participantsText"),
					choices: [
						list(eventId, "participants", "csv", t("exchange.export.participantsCsv")),
						list(eventId, "participants", "xlsx", t("exchange.export.participantsXlsx")),
					],
				},
			],
		},
		{
			id: "programme",
			label: t("exchange.export.programme"),
			rows: [
				{
					id: "calendar",
					title: t("exchange.hub.rows.calendar"),
					description: t("exchange.hub.rows.calendarText"),
					choices: [schedule(eventId, "ics", t("exchange.export.ics"))],
				},
				{
					id: "apps",
					title: t("exchange.hub.rows.apps"),
					description: t("exchange.hub.rows.appsText"),
					choices: [
						schedule(eventId, "frab_xml", t("exchange.export.frabXml")),
						schedule(eventId, "frab_json", t("exchange.export.frabJson")),
					],
				},
				{
					id: "programme",
					title: t("exchange.hub.rows.programme"),
					description: t("exchange.hub.rows.programmeText"),
					choices: [schedule(eventId, "csv", t("exchange.export.programmeCsv"))],
				},
			],
		},
	];
}
