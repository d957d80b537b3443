//! Keyboard shortcuts follow the OS: Cmd on macOS, Ctrl on Windows and Linux.

/** True on macOS, where the command key takes the place of Ctrl. */
export function isMac(
	platform: string = typeof navigator === "undefined" ? "" : navigatorPlatform(),
): boolean {
	return /mac|iphone|ipad/i.test(platform);
}

/** True when the OS's shortcut modifier (and only that one of Ctrl/Cmd) is held. */
export function hasModifier(
	event: Pick<KeyboardEvent, "ctrlKey" | "metaKey">,
	mac = isMac(),
): boolean {
	return mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}

/** How a shortcut is written in tooltips: "Ctrl+N" or "⌘N". */
export function shortcutLabel(key: string, mac = isMac()): string {
	return mac ? `⌘${key.toUpperCase()}` : `Ctrl+${key.toUpperCase()}`;
}

function navigatorPlatform(): string {
	const data = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData;
	return data?.platform ?? navigator.platform ?? navigator.userAgent;
}
