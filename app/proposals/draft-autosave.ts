"use client";
/**
 * Keeps an unsaved proposal form in localStorage (keyed by the draft's id, or "new"), so a reload, a Back or a crash
 * does not lose it; the form restores it with a visible note. The browser also warns before leaving while unsaved.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormValues } from "../lib/param-form.ts";

export type DraftFields = { title: string; rationale: string; values: FormValues };

type Stored = DraftFields & { liveVersion: number; savedAt: number };

const PREFIX = "marginlab:unsaved-proposal:";

export function draftStorageKey(draftId: string | null): string {
  return `${PREFIX}${draftId ?? "new"}`;
}

function sameFields(a: DraftFields, b: DraftFields): boolean {
  if (a.title !== b.title || a.rationale !== b.rationale) return false;
  const ak = Object.keys(a.values);
  const bk = Object.keys(b.values);
  return ak.length === bk.length && ak.every((k) => a.values[k] === b.values[k]);
}

function read(key: string): Stored | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Stored>;
    const ok =
      typeof s.title === "string" &&
      typeof s.rationale === "string" &&
      typeof s.values === "object" &&
      s.values !== null &&
      Object.values(s.values).every((v) => typeof v === "string") &&
      typeof s.liveVersion === "number" &&
      typeof s.savedAt === "number";
    return ok ? (s as Stored) : null;
  } catch {
    return null; // unreadable (private mode, quota, a hand-edited entry): nothing to restore
  }
}

function write(key: string, value: Stored | null) {
  try {
    if (value) window.localStorage.setItem(key, JSON.stringify(value));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the beforeunload warning still protects the member.
  }
}

export type Restored = { savedAt: number; parametersDropped: boolean };

/**
 * `current` is what the form holds, `initial` what it opened with (the saved draft or the live set). Returns what
 * was restored (null if nothing), `discard` to forget the unsaved changes, and `forget` to call once they are saved.
 */
export function useDraftAutosave({
  draftId,
  liveVersion,
  initial,
  current,
  restore,
}: {
  draftId: string | null;
  liveVersion: number;
  initial: DraftFields;
  current: DraftFields;
  restore: (fields: DraftFields) => void;
}) {
  const key = draftStorageKey(draftId);
  const [restored, setRestored] = useState<Restored | null>(null);
  const [loaded, setLoaded] = useState(false);
  const saved = useRef(false);
  const dirty = !sameFields(current, initial);

  // Once, after hydration (the server renders the form as opened).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per form; `initial` and `restore` are fixed for it
  useEffect(() => {
    const stored = read(key);
    if (stored) {
      // Values typed against another live version would read as changes to fields the member never touched.
      const sameBase = stored.liveVersion === liveVersion;
      const fields = { ...stored, values: sameBase ? stored.values : initial.values };
      if (!sameFields(fields, initial)) {
        restore(fields);
        setRestored({ savedAt: stored.savedAt, parametersDropped: !sameBase });
      }
    }
    setLoaded(true);
  }, [key]);

  useEffect(() => {
    if (!loaded || saved.current) return;
    const t = setTimeout(
      () => write(key, dirty ? { ...current, liveVersion, savedAt: Date.now() } : null),
      250,
    );
    return () => clearTimeout(t);
  }, [loaded, key, dirty, current, liveVersion]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (saved.current) return;
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const discard = useCallback(() => {
    write(key, null);
    restore(initial);
    setRestored(null);
  }, [key, restore, initial]);

  const forget = useCallback(() => {
    saved.current = true;
    write(key, null);
  }, [key]);

  return { restored, dirty, discard, forget };
}
