import { describe, expect, it, vi } from "vitest";
import type { FailureText } from "$lib/api";
import { ExportTask } from "./export-task.svelte";

function setup() {
	const toast = vi.fn<(message: string) => void>();
	const errors: (FailureText | null)[] = [];
	const task = new ExportTask({ toast, onerror: (e) => errors.push(e) });
	return { task, toast, errors };
}

/** A promise with its resolve, to hold an export "in its Save dialog". */
function pending<T>() {
	let resolve: (value: T) => void = () => {};
	const promise = new Promise<T>((r) => {
		resolve = r;
	});
	return { promise, resolve };
}

describe("ExportTask", () => {
	it("says where the file was saved and reports no failure", async () => {
		const { task, toast, errors } = setup();
		await task.run({ id: "attendees-csv", label: "", run: async () => "/home/me/a.csv" });
		expect(toast).toHaveBeenCalledWith("Saved to \u2068/home/me/a.csv\u2069");
		expect(task.error).toBeNull();
		expect(task.failedId).toBeNull();
		expect(errors).toEqual([null, null]);
	});

	it("says nothing when the Save dialog was cancelled", async () => {
		const { task, toast } = setup();
		await task.run({ id: "attendees-csv", label: "", run: async () => null });
		expect(toast).not.toHaveBeenCalled();
		expect(task.error).toBeNull();
	});

	it("keeps a failure with the export it belongs to, and clears it when the next one starts", async () => {
		const { task, toast, errors } = setup();
		await task.run({
			id: "signups-xlsx",
			label: "",
			run: async () => {
				throw {
					code: "io",
					message_code: "error.io_denied",
					params: { path: "signups.xlsx" },
					message: "read-only file system",
					fields: [],
				};
			},
		});
		expect(toast).not.toHaveBeenCalled();
		expect(task.failedId).toBe("signups-xlsx");
		expect(task.error?.summary).toContain("The file was not saved.");
		expect(task.error?.detail).toBe(
			"Plenary is not allowed to read or write \u2068signups.xlsx\u2069.",
		);
		expect(errors.at(-1)).toBe(task.error);
		expect(task.busy).toBe(false);

		const next = pending<string | null>();
		const running = task.run({ id: "ics", label: "", run: () => next.promise });
		expect(task.error).toBeNull();
		expect(task.failedId).toBeNull();
		expect(errors.at(-1)).toBeNull();
		next.resolve(null);
		await running;
	});

	it("runs one export at a time: a click while a Save dialog is up is ignored", async () => {
		const { task } = setup();
		const first = pending<string | null>();
		const second = vi.fn(async () => "/b.csv");
		const running = task.run({ id: "a", label: "", run: () => first.promise });
		expect(task.running).toBe("a");
		expect(task.busy).toBe(true);
		await task.run({ id: "b", label: "", run: second });
		expect(second).not.toHaveBeenCalled();
		first.resolve("/a.csv");
		await running;
		expect(task.running).toBeNull();
		await task.run({ id: "b", label: "", run: second });
		expect(second).toHaveBeenCalledOnce();
	});
});
