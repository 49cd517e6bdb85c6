"use client";
import { useEffect, useState } from "react";

/** The value, once it has stopped changing for `ms` (so the preview is not recomputed on every keystroke). */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}
