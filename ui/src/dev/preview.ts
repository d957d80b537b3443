// Dev-only entry (preview.html): runs the UI in a plain browser against an in-memory fake of
// the Rust core, for layout work and screenshots. It is not an input of `vite build`, so none
// of this reaches the app bundle.
//
// Query parameters: `reset` clears remembered state; `empty` starts with no events; `slow`
// delays answers; `act=` runs steps after start-up, separated by `;`: `click:SELECTOR`,
// `type:SELECTOR:TEXT`, `select:SELECTOR:VALUE`, `drag:SELECTOR:DX:DY`, `key:KEY` (with `ctrl+`, `alt+`, `shift+` prefixes allowed), `wait:MS`.
import { mockIPC } from "@tauri-apps/api/mocks";
import { FakeCore } from "./fake-core";

const params = new URLSearchParams(location.search);
if (params.has("reset")) localStorage.clear();
const core = new FakeCore({ empty: params.has("empty") });
const delay = params.has("slow") ? 400 : 0;

mockIPC(async (cmd, args) => {
	if (delay) await new Promise((r) => setTimeout(r, delay * Math.random()));
	return core.handle(cmd, (args ?? {}) as Record<string, unknown>);
});

await import("../main");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(steps: string[]) {
	await sleep(300);
	for (const step of steps) {
		const [verb, ...rest] = step.split(":");
		const arg = rest.join(":");
		if (verb === "click") {
			document.querySelector<HTMLElement>(arg)?.click();
		} else if (verb === "type") {
			const [selector, ...text] = arg.split(":");
			const input = document.querySelector<HTMLInputElement>(selector ?? "");
			if (input) {
				input.focus();
				input.value = text.join(":");
				input.dispatchEvent(new Event("input", { bubbles: true }));
			}
		} else if (verb === "key") {
			// Modifiers as prefixes: ctrl+, alt+, shift+ (e.g. alt+shift+ArrowDown).
			const mods = arg.split("+");
			const key = mods.pop() ?? "";
			const target = document.activeElement ?? document.body;
			target.dispatchEvent(
				new KeyboardEvent("keydown", {
					key,
					ctrlKey: mods.includes("ctrl"),
					altKey: mods.includes("alt"),
					shiftKey: mods.includes("shift"),
					bubbles: true,
				}),
			);
		} else if (verb === "select") {
			const [selector, value] = arg.split(":");
			const select = document.querySelector<HTMLSelectElement>(selector ?? "");
			if (select) {
				select.value = value ?? "";
				select.dispatchEvent(new Event("change", { bubbles: true }));
			}
		} else if (verb === "focus") {
			document.querySelector<HTMLElement>(arg)?.focus();
		} else if (verb === "drag") {
			// drag:SELECTOR:DX:DY drags the element's centre by DX, DY pixels with pointer events.
			const [selector = "", dx = "0", dy = "0"] = arg.split(":");
			const el = document.querySelector<HTMLElement>(selector);
			if (el) {
				const r = el.getBoundingClientRect();
				const x = r.left + r.width / 2;
				const y = r.top + Math.min(r.height / 2, 10);
				const at = (type: string, px: number, py: number) =>
					new PointerEvent(type, {
						clientX: px,
						clientY: py,
						pointerId: 1,
						button: 0,
						bubbles: true,
					});
				el.dispatchEvent(at("pointerdown", x, y));
				for (let i = 1; i <= 5; i++) {
					window.dispatchEvent(
						at("pointermove", x + (Number(dx) * i) / 5, y + (Number(dy) * i) / 5),
					);
					await sleep(20);
				}
				window.dispatchEvent(at("pointerup", x + Number(dx), y + Number(dy)));
			}
		} else if (verb === "wait") {
			await sleep(Number(arg));
			continue;
		}
		await sleep(150);
	}
}

const act = params.get("act");
if (act) void run(act.split(";").filter(Boolean));
