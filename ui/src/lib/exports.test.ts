import { beforeEach, describe, expect, it, vi } from "vitest";

// The bindings call Tauri; here each export command is a mock that answers with a path.
const commands = vi.hoisted(() => ({
	exportList: vi.fn(),
	exportSchedule: vi.fn(),
}));
vi.mock("$lib/bindings", () => ({ commands }));

import { choiceId, type ExportChoice, exportSections, formatShort, runExport } from "./exports";

beforeEach(() => {
	vi.clearAllMocks();
	commands.exportList.mockResolvedValue({ status: "ok", data: "/tmp/list" });
	commands.exportSchedule.mockResolvedValue({ status: "ok", data: "/tmp/programme" });
});

function allChoices(): ExportChoice[] {
	return exportSections("e1").flatMap((s) => s.rows.flatMap((r) => r.choices));
}

describe("exportSections", () => {
	it("offers every export the screen promises, lists first, then the programme", () => {
		const sections = exportSections("e1");
		expect(sections.map((s) => s.id)).toEqual(["lists", "programme"]);
		expect(sections.map((s) => s.rows.map((r) => [r.id, r.choices.map((c) => c.id)]))).toEqual([
			[
				["attendees", ["attendees-csv", "attendees-xlsx"]],
				["delegations", ["delegations-csv", "delegations-xlsx"]],
				["sessions", ["sessions-csv", "sessions-xlsx"]],
				["assignments", ["assignments-csv", "assignments-xlsx"]],
				["signups", ["signups-csv", "signups-xlsx"]],
				["participants", ["participants-csv", "participants-xlsx"]],
			],
			[
				["calendar", ["programme-ics"]],
				["apps", ["programme-frab-xml", "programme-frab-json"]],
				["programme", ["programme-csv"]],
			],
		]);
	});

	it("offers passport numbers and dates of birth only as separate attendee choices", () => {
		const rows = exportSections("e1").flatMap((s) => s.rows);
		const withSensitive = rows.filter((r) => (r.sensitiveChoices ?? []).length > 0);
		expect(withSensitive.map((r) => r.id)).toEqual(["attendees"]);
		expect(withSensitive[0]?.sensitiveChoices?.map((c) => c.id)).toEqual([
			"attendees-sensitive-csv",
			"attendees-sensitive-xlsx",
		]);
		// The ordinary buttons never carry the flag.
		expect(allChoices().some((c) => c.target.kind === "list" && c.target.sensitive)).toBe(false);
	});

	it("passes includeSensitive only for the sensitive attendee choices", async () => {
		const attendees = exportSections("e1")[0]?.rows[0];
		await attendees?.choices[0]?.run();
		expect(commands.exportList).toHaveBeenLastCalledWith("e1", "attendees", "csv", false);
		await attendees?.sensitiveChoices?.[1]?.run();
		expect(commands.exportList).toHaveBeenLastCalledWith("e1", "attendees", "xlsx", true);
		const label = attendees?.sensitiveChoices?.[1]?.label ?? "";
		expect(label).toContain("passport");
		expect(label.toLowerCase()).toContain(attendees?.sensitiveChoices?.[1]?.short.toLowerCase());
	});

	it("gives every row a title and a description, and every button a unique id", () => {
		for (const row of exportSections("e1").flatMap((s) => s.rows)) {
			expect(row.title).not.toBe("");
			expect(row.description).not.toBe("");
			expect(row.title).not.toContain("exchange.");
			expect(row.description).not.toContain("exchange.");
		}
		const ids = allChoices().map((c) => c.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	// WCAG 2.5.3: the accessible name of a button contains its visible text.
	it("names each button with words that contain its visible text", () => {
		for (const choice of allChoices()) {
			expect(choice.label.toLowerCase()).toContain(choice.short.toLowerCase());
			expect(choice.label).not.toBe(choice.short);
		}
	});

	it("runs each button's export for the event it was made for", async () => {
		const byId = new Map(allChoices().map((c) => [c.id, c]));
		expect(await byId.get("sessions-csv")?.run()).toBe("/tmp/list");
		expect(commands.exportList).toHaveBeenLastCalledWith("e1", "sessions", "csv", false);
		await byId.get("signups-xlsx")?.run();
		expect(commands.exportList).toHaveBeenLastCalledWith("e1", "signups", "xlsx", false);
		expect(await byId.get("programme-frab-json")?.run()).toBe("/tmp/programme");
		expect(commands.exportSchedule).toHaveBeenLastCalledWith("e1", null, "frab_json");
		await byId.get("programme-csv")?.run();
		expect(commands.exportSchedule).toHaveBeenLastCalledWith("e1", null, "csv");
		expect(commands.exportList).toHaveBeenCalledTimes(2);
		expect(commands.exportSchedule).toHaveBeenCalledTimes(2);
	});
});

describe("runExport", () => {
	it("writes lists with exportList and the programme with exportSchedule, never for one person", async () => {
		await runExport("e2", { kind: "list", list: "delegations", format: "xlsx" });
		expect(commands.exportList).toHaveBeenCalledWith("e2", "delegations", "xlsx", false);
		expect(commands.exportSchedule).not.toHaveBeenCalled();
		await runExport("e2", { kind: "schedule", format: "ics" });
		expect(commands.exportSchedule).toHaveBeenCalledWith("e2", null, "ics");
	});

	it("never asks for sensitive data in a list other than the attendees", async () => {
		await runExport("e2", { kind: "list", list: "delegations", format: "csv", sensitive: true });
		expect(commands.exportList).toHaveBeenLastCalledWith("e2", "delegations", "csv", false);
		await runExport("e2", { kind: "list", list: "attendees", format: "csv", sensitive: true });
		expect(commands.exportList).toHaveBeenLastCalledWith("e2", "attendees", "csv", true);
	});

	it("gives back null when the Save dialog was cancelled", async () => {
		commands.exportList.mockResolvedValue({ status: "ok", data: null });
		expect(await runExport("e1", { kind: "list", list: "attendees", format: "csv" })).toBeNull();
	});
});

describe("formatShort and choiceId", () => {
	it("say the format in a word, and make ids that CSS and test ids can use", () => {
		expect(formatShort({ kind: "list", list: "attendees", format: "xlsx" })).toBe("Excel");
		expect(formatShort({ kind: "list", list: "attendees", format: "csv" })).toBe("CSV");
		expect(formatShort({ kind: "schedule", format: "ics" })).toBe(".ics");
		expect(formatShort({ kind: "schedule", format: "frab_xml" })).toBe("schedule.xml");
		expect(formatShort({ kind: "schedule", format: "frab_json" })).toBe("schedule.json");
		expect(choiceId({ kind: "schedule", format: "frab_xml" })).toBe("programme-frab-xml");
		expect(choiceId({ kind: "list", list: "assignments", format: "csv" })).toBe("assignments-csv");
		expect(choiceId({ kind: "list", list: "attendees", format: "xlsx", sensitive: true })).toBe(
			"attendees-sensitive-xlsx",
		);
	});
});
