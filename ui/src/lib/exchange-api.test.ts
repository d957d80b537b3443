import { beforeEach, describe, expect, it, vi } from "vitest";

// The bindings call Tauri; here each command is a mock whose answer a test sets.
const commands = vi.hoisted(() => ({
	commitImport: vi.fn(),
	chooseImportFile: vi.fn(),
	exportSchedule: vi.fn(),
}));
vi.mock("$lib/bindings", () => ({ commands }));

// A Channel without Tauri: it only holds the handler that the wrapper sets.
vi.mock("@tauri-apps/api/core", () => ({
	Channel: class {
		onmessage: (message: unknown) => void = () => {};
	},
}));

import { ApiFailure } from "$lib/api";
import { exchangeApi } from "./exchange-api";

type FakeChannel = { onmessage: (message: { done: number; total: number }) => void };

const report = { imported: 2, updated: 0, unchanged: 0, skipped: 0, added_ids: ["a", "b"] };

beforeEach(() => {
	vi.clearAllMocks();
});

describe("commitImport", () => {
	it("passes a channel whose messages reach the progress callback as (done, total)", async () => {
		const seen: [number, number][] = [];
		commands.commitImport.mockImplementation(async (...args: unknown[]) => {
			const channel = args[4] as FakeChannel;
			channel.onmessage({ done: 1000, total: 2500 });
			channel.onmessage({ done: 2500, total: 2500 });
			return { status: "ok", data: report };
		});
		const result = await exchangeApi.commitImport(
			"e1",
			[{ header: "Email", field: "email", unknown: false }],
			{ default_category: "guest" },
			true,
			(done, total) => seen.push([done, total]),
		);
		expect(result).toEqual(report);
		expect(seen).toEqual([
			[1000, 2500],
			[2500, 2500],
		]);
		expect(commands.commitImport).toHaveBeenCalledWith(
			"e1",
			[{ header: "Email", field: "email", unknown: false }],
			{ default_category: "guest" },
			true,
			expect.anything(),
		);
	});

	it("throws an ApiFailure with the rows' problems when the core refuses", async () => {
		commands.commitImport.mockResolvedValue({
			status: "error",
			error: {
				code: "validation",
				message: "1 problem",
				fields: [{ field: "email", message: "is taken", row: 7 }],
			},
		});
		const failure = await exchangeApi
			.commitImport("e1", [], { default_category: "guest" }, false, () => {})
			.catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(ApiFailure);
		expect((failure as ApiFailure).fields[0]?.row).toBe(7);
	});
});

describe("the other wrappers", () => {
	it("return null for a cancelled native dialog", async () => {
		commands.chooseImportFile.mockResolvedValue({ status: "ok", data: null });
		await expect(exchangeApi.chooseImportFile("e1")).resolves.toBeNull();
	});

	it("pass a person's id to the schedule export", async () => {
		commands.exportSchedule.mockResolvedValue({ status: "ok", data: "/tmp/agenda.ics" });
		await expect(exchangeApi.exportSchedule("e1", "p1", "ics")).resolves.toBe("/tmp/agenda.ics");
		expect(commands.exportSchedule).toHaveBeenCalledWith("e1", "p1", "ics");
	});
});
