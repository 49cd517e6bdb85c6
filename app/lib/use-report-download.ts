"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPCClient } from "../trpc/client.ts";
import { downloadText } from "./download.ts";

/**
 * Saves a report exactly as stored (the file `marginlab verify` checks). Pages carry only the report's view, so the
 * body (a few hundred kilobytes) is fetched when someone asks for it.
 */
export function useReportDownload() {
  const client = useTRPCClient();
  return useMutation({
    mutationFn: async ({ reportId, fileName }: { reportId: string; fileName: string }) => {
      const { body } = await client.reports.body.query({ reportId });
      downloadText(fileName, `${JSON.stringify(body, null, 2)}\n`);
    },
  });
}
