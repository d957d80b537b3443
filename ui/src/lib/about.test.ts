import { describe, expect, it, vi } from "vitest";

// about.ts reaches the bindings only through api.ts's error helpers; no command is called.
vi.mock("$lib/bindings", () => ({ commands: {} }));

import { buildDateText, copyText, logFolderFailure } from "./about";
import { ApiFailure } from "./api";
import { t } from "./i18n";

describe("the build date", () => {
	it("is written out in words, day first in British English", () => {
		expect(buildDateText("2026-11-27", "en-GB")).toBe("27 November 2026");
		expect(buildDateText("2025-01-03", "en-GB")).toBe("3 January 2025");
	});

	it("follows the locale's order", () => {
		expect(buildDateText("2026-11-27", "en-US")).toBe("November 27, 2026");
	});

	it("never moves to the day before or after, whatever the OS zone", () => {
		// Calendar dates are formatted at noon UTC in UTC; midnight would show 31 December in
		// the Americas.
		expect(buildDateText("2026-01-01", "en-GB")).toBe("1 January 2026");
		expect(buildDateText("2026-12-31", "en-GB")).toBe("31 December 2026");
	});

	it("is null when the build recorded none", () => {
		expect(buildDateText("", "en-GB")).toBeNull();
		expect(buildDateText("   ", "en-GB")).toBeNull();
	});

	it("is shown as it is when it is not a real date", () => {
		expect(buildDateText("nightly", "en-GB")).toBe("nightly");
		expect(buildDateText("2026-02-30", "en-GB")).toBe("2026-02-30");
		expect(buildDateText(" 2026-11-27 ", "en-GB")).toBe("27 November 2026");
	});
});

describe("copying a path", () => {
	it("writes the exact text to the clipboard", async () => {
		const writeText = vi.fn(async (_text: string) => {});
		await expect(copyText("/home/you/plenary.db", { writeText })).resolves.toBe(true);
		expect(writeText).toHaveBeenCalledWith("/home/you/plenary.db");
	});

	it("reports false when the web view refuses", async () => {
		const writeText = vi.fn(async () => {
			throw new DOMException("Write permission denied.", "NotAllowedError");
		});
		await expect(copyText("x", { writeText })).resolves.toBe(false);
	});

	it("reports false when there is no clipboard at all", async () => {
		await expect(copyText("x", undefined)).resolves.toBe(false);
	});
});

describe("a failed 'Open log folder'", () => {
	it("says there is no log folder rather than talking about form fields", () => {
		const text = logFolderFailure({
			code: "validation",
			message: "log_dir: This system gives the app no log folder.",
			fields: [
				{ field: "log_dir", code: "field.no_log_folder", params: {}, message: "x", row: null },
			],
		});
		expect(text.summary).toBe(`${t("about.openLogsFailed")} ${t("about.noLogDir")}`);
		expect(text.summary).not.toContain("field");
		expect(text.detail).toBeNull();
	});

	it("says what to check on an I/O failure, not the data file, and gives the core's message", () => {
		const text = logFolderFailure(
			new ApiFailure("io", "RUST-ENGLISH-SENTINEL", [], "error.io", { path: "/home/you/logs" }),
		);
		expect(text.summary).toBe(`${t("about.openLogsFailed")} ${t("about.openLogsIo")}`);
		expect(text.summary).not.toContain("data file");
		expect(text.detail).toBe("\u2068/home/you/logs\u2069 could not be read or written.");
	});

	it("has no detail for an I/O failure without a message", () => {
		expect(logFolderFailure({ code: "io", message: "", fields: [] }).detail).toBeNull();
	});

	it("falls back to the app's usual words for other failures", () => {
		const unreachable = logFolderFailure(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
		expect(unreachable.summary).toBe(`${t("about.openLogsFailed")} ${t("errors.unreachable")}`);
		const internal = logFolderFailure({
			code: "internal",
			message_code: "error.database",
			params: {},
			message: "boom",
			fields: [],
		});
		expect(internal.summary).toBe(`${t("about.openLogsFailed")} ${t("errors.internal")}`);
		expect(internal.detail).toBe(t("messages.error.database"));
	});
});
