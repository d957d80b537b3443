//! The live updates (issue 15): `watch_store` tells this window over a Tauri `Channel` each
//! time the store changes, whoever changed it (another desk on the server, another window,
//! the CLI). Like the import's progress, the Channel is made here, beside the bindings.

import { Channel } from "@tauri-apps/api/core";
import { commands } from "$lib/bindings";

/**
 * Calls `onChange` whenever the store changes, for as long as this window lives; calling it
 * again (a reload) replaces the previous watch. An IPC failure only means no live updates.
 */
export function watchStore(onChange: () => void): void {
	const channel = new Channel<number>();
	channel.onmessage = () => onChange();
	void commands.watchStore(crypto.randomUUID(), channel).catch(() => undefined);
}
