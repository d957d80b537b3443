import { describe, expect, it, vi } from "vitest";
import type { ImportReport, ImportStart } from "$lib/exchange-api";
import { ImportLauncher, type ImportLauncherOptions } from "./import-launcher.svelte";

const START = { file_name: "ministry.csv" } as unknown as ImportStart;

const REPORT: ImportReport = {
	imported: 12,
	updated: 3,
	unchanged: 40,
	skipped: 0,
	added_ids: [],
};

function setup(choose: ImportLauncherOptions["choose"]) {
	const toast = vi.fn<(message: string) => void>();
	const onimported = vi.fn();
	const focus = vi.fn();
	const chooseSpy = vi.fn(choose);
	const launcher = new ImportLauncher({
		eventId: () => "e1",
		choose: chooseSpy,
		toast,
		onimported,
		returnFocus: () => ({ focus }) as unknown as HTMLElement,
	});
	return { launcher, toast, onimported, focus, choose: chooseSpy };
}

describe("ImportLauncher", () => {
	it("opens the review of the chosen file, for the screen's event", async () => {
		const { launcher, choose } = setup(async () => START);
		await launcher.choose();
		expect(choose).toHaveBeenCalledWith("e1");
		expect(launcher.start).toBe(START);
		expect(launcher.choosing).toBe(false);
		expect(launcher.error).toBeNull();
	});

	it("does nothing when the Open dialog was cancelled", async () => {
		const { launcher } = setup(async () => null);
		await launcher.choose();
		expect(launcher.start).toBeNull();
		expect(launcher.error).toBeNull();
	});

	it("says why a file could not be read, and forgets that on the next try", async () => {
		let fail = true;
		const { launcher } = setup(async () => {
			if (fail)
				throw {
					code: "io",
					message_code: "error.io_denied",
					params: { path: "list.csv" },
					message: "permission denied",
					fields: [],
				};
			return START;
		});
		await launcher.choose();
		expect(launcher.start).toBeNull();
		expect(launcher.error?.summary).toContain("The file could not be imported.");
		expect(launcher.error?.summary).toContain("close it there");
		expect(launcher.error?.detail).toBe(
			"Plenary is not allowed to read or write \u2068list.csv\u2069.",
		);
		fail = false;
		await launcher.choose();
		expect(launcher.error).toBeNull();
		expect(launcher.start).toBe(START);
	});

	it("asks for one file at a time", async () => {
		let answer: (start: ImportStart | null) => void = () => {};
		const { launcher, choose } = setup(
			() =>
				new Promise((resolve) => {
					answer = resolve;
				}),
		);
		const first = launcher.choose();
		expect(launcher.choosing).toBe(true);
		await launcher.choose();
		expect(choose).toHaveBeenCalledOnce();
		answer(START);
		await first;
		// While the review is open, a second "Import…" does not open another Open dialog.
		await launcher.choose();
		expect(choose).toHaveBeenCalledOnce();
	});

	it("after a commit, closes the review, says what was imported and hands back the focus", async () => {
		const { launcher, toast, onimported, focus } = setup(async () => START);
		await launcher.choose();
		await launcher.close(REPORT);
		expect(launcher.start).toBeNull();
		expect(toast).toHaveBeenCalledWith("Imported 12 attendees (3 updated, 40 unchanged)");
		expect(onimported).toHaveBeenCalledWith(REPORT);
		expect(focus).toHaveBeenCalledOnce();
	});

	it("after Cancel, closes the review quietly and hands back the focus", async () => {
		const { launcher, toast, onimported, focus } = setup(async () => START);
		await launcher.choose();
		await launcher.close(null);
		expect(launcher.start).toBeNull();
		expect(toast).not.toHaveBeenCalled();
		expect(onimported).not.toHaveBeenCalled();
		expect(focus).toHaveBeenCalledOnce();
	});
});
