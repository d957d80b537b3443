import { beforeEach, describe, expect, it, vi } from "vitest";

// The bindings call Tauri; here each command is a mock whose answer a test sets.
const commands = vi.hoisted(() => ({
	previewDocument: vi.fn(),
	saveDocument: vi.fn(),
}));
vi.mock("$lib/bindings", () => ({ commands }));

import { ApiFailure } from "$lib/api";
import type { PrintRequest } from "$lib/bindings";
import { printApi } from "./print-api";

const request: PrintRequest = {
	event_id: "e1",
	kind: "agenda",
	day: "2030-01-01",
	room: null,
	person: null,
	country: null,
	paper: "a4",
	layout: "auto",
	lang: null,
	also: null,
};

beforeEach(() => {
	vi.clearAllMocks();
});

describe("printApi", () => {
	it("passes the request through and returns the preview", async () => {
		const preview = { pages: ["<svg/>"], page_count: 1, missing_glyphs: [], file_name: "a.pdf" };
		commands.previewDocument.mockResolvedValue({ status: "ok", data: preview });
		await expect(printApi.previewDocument(request)).resolves.toEqual(preview);
		expect(commands.previewDocument).toHaveBeenCalledWith(request);
	});

	it("throws an ApiFailure that names the field Rust refused", async () => {
		commands.previewDocument.mockResolvedValue({
			status: "error",
			error: {
				code: "validation",
				message: "day: 2030-01-01 is not a day of the event",
				fields: [{ field: "day", message: "2030-01-01 is not a day of the event", row: null }],
			},
		});
		const error = await printApi.previewDocument(request).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ApiFailure);
		expect((error as ApiFailure).fields.map((f) => f.field)).toEqual(["day"]);
	});

	it("returns null when the Save dialog is cancelled", async () => {
		commands.saveDocument.mockResolvedValue({ status: "ok", data: null });
		await expect(printApi.saveDocument(request)).resolves.toBeNull();
	});
});
