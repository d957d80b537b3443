import { beforeEach, describe, expect, it, vi } from "vitest";

// The bindings call Tauri; here each command is a mock whose answer a test sets.
const commands = vi.hoisted(() => ({
	listEvents: vi.fn(),
	addAttendee: vi.fn(),
	appInfo: vi.fn(),
	openLogFolder: vi.fn(),
}));
vi.mock("$lib/bindings", () => ({ commands }));

import {
	ApiFailure,
	api,
	describeFailure,
	fieldMessages,
	normaliseField,
	sentence,
	toFailure,
} from "./api";

const validation = {
	code: "validation",
	message_code: "error.validation",
	params: {},
	message: "3 problems: given_name: The given name is required; email: is taken; email: is taken",
	fields: [
		{
			field: "given_name",
			code: "field.family_name_required",
			params: {},
			message: "x",
			row: null,
		},
		{ field: "email", code: "field.email_taken", params: {}, message: "x", row: null },
		{
			field: "email",
			code: "field.not_an_email",
			params: { value: "a@" },
			message: "x",
			row: null,
		},
	],
};

beforeEach(() => {
	vi.clearAllMocks();
});

describe("unwrapping command results", () => {
	it("returns the data of an ok result", async () => {
		commands.listEvents.mockResolvedValue({ status: "ok", data: [{ id: "e1" }] });
		await expect(api.listEvents()).resolves.toEqual([{ id: "e1" }]);
	});

	it("throws an ApiFailure carrying the code and fields of an error result", async () => {
		commands.addAttendee.mockResolvedValue({ status: "error", error: validation });
		const failure = await api.addAttendee("e1", {} as never).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(ApiFailure);
		expect((failure as ApiFailure).code).toBe("validation");
		expect((failure as ApiFailure).fields).toHaveLength(3);
	});

	it("passes the arguments through unchanged", async () => {
		commands.addAttendee.mockResolvedValue({ status: "ok", data: { id: "a1" } });
		const input = { given_name: "Jie" } as never;
		await api.addAttendee("e1", input);
		expect(commands.addAttendee).toHaveBeenCalledWith("e1", input);
	});

	it("opens the log folder, or throws the core's refusal as an ApiFailure", async () => {
		commands.openLogFolder.mockResolvedValueOnce({ status: "ok", data: null });
		await expect(api.openLogFolder()).resolves.toBeNull();
		commands.openLogFolder.mockResolvedValueOnce({
			status: "error",
			error: { code: "io", message: "no file manager", fields: [] },
		});
		const failure = await api.openLogFolder().catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(ApiFailure);
		expect((failure as ApiFailure).code).toBe("io");
	});

	it("maps a thrown Error (no Tauri, unknown command) to 'unreachable'", async () => {
		commands.appInfo.mockRejectedValue(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
		const failure = await api.appInfo().catch((e: unknown) => e);
		expect((failure as ApiFailure).code).toBe("unreachable");
	});
});

describe("toFailure", () => {
	it("treats a bare string from Tauri (bad arguments) as internal", () => {
		const f = toFailure("invalid args `filter` for command `list_attendees`");
		expect(f.code).toBe("internal");
		expect(f.message).toContain("invalid args");
	});

	it("does not trust objects with an unknown code", () => {
		expect(toFailure({ code: "teapot", message: "x", fields: [] }).code).toBe("internal");
	});

	it("drops malformed field entries instead of crashing", () => {
		const f = toFailure({
			code: "validation",
			message: "m",
			fields: [null, { field: "email", message: "bad" }],
		});
		expect(f.fields).toEqual([{ field: "email", message: "bad" }]);
	});
});

describe("words for the user", () => {
	it("puts each field's first message under that field", () => {
		expect(fieldMessages(validation)).toEqual({
			given_name: "The family name is required.",
			email: "This email is already used by another attendee of this event.",
		});
	});

	it("renders the core's codes with their parameters, never its English message", () => {
		const fragment = {
			code: "validation",
			message: "",
			fields: [
				{
					field: "notes",
					code: "field.too_long",
					params: { length: "4100", max: "4000" },
					message: "RUST-ENGLISH-SENTINEL",
					row: null,
				},
			],
		};
		expect(fieldMessages(fragment)).toEqual({
			notes: "This is 4,100 characters long; at most 4,000 are allowed.",
		});
	});

	it("turns fragments into sentences", () => {
		expect(sentence("nothing was undone")).toBe("Nothing was undone.");
		expect(sentence("没有可导出的内容")).toBe("没有可导出的内容。");
		expect(sentence("Done.")).toBe("Done.");
	});

	it("normalises list paths so both spellings reach the same input", () => {
		expect(normaliseField("organizers[1].name")).toBe("organizers.1.name");
		expect(normaliseField("organizers.1.name")).toBe("organizers.1.name");
	});

	it("a validation summary says what did not happen, why, and what to do", () => {
		const text = describeFailure(validation, "The attendee was not saved.");
		// Two distinct fields, however many messages; no snake_case names reach the user.
		expect(text.summary).toBe(
			"The attendee was not saved. 2 fields need attention. Correct the highlighted fields and save again.",
		);
	});

	it("a validation failure without fields says the core's message in the user's words", () => {
		const text = describeFailure({
			code: "validation",
			message_code: "error.invalid",
			params: {},
			message: "RUST-ENGLISH-SENTINEL",
			fields: [],
		});
		expect(text.summary).toBe(
			"The input is not valid. Correct the highlighted fields and save again.",
		);
	});

	it.each([
		["not_found", /no longer exists/],
		["io", /data file/],
		["internal", /restart Plenary/],
		["conflict", /try again/],
	])("%s failures get a next step", (code, pattern) => {
		const text = describeFailure({ code, message: "", fields: [] });
		expect(text.summary).toMatch(pattern);
	});

	it("never shows a bare 'Error' or a stack trace", () => {
		const err = new Error("boom");
		err.stack = "Error: boom\n    at invoke (core.js:1:1)";
		const text = describeFailure(err);
		expect(text.summary).not.toMatch(/^Error\b/);
		expect(`${text.summary} ${text.detail ?? ""}`).not.toContain("core.js");
	});

	it("gives the core's message, rendered here, as detail for io failures", () => {
		const text = describeFailure({
			code: "io",
			message_code: "error.io",
			params: { path: "/data/plenary.db" },
			message: "RUST-ENGLISH-SENTINEL",
			fields: [],
		});
		expect(text.detail).toBe("\u2068/data/plenary.db\u2069 could not be read or written.");
	});
});
