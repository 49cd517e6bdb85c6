"use client";
import { useEffect, useState } from "react";

/**
 * The value, once it has stopped changing for `ms` (so the preview is not recomputed on every keystroke). Values
 * are compared by their JSON, so a new object with the same content does not restart the wait.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  const key = JSON.stringify(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `value`'s content.
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [key, ms]);
  return debounced;
}
