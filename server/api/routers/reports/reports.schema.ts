import { z } from "zod";

export const ZReportId = z.object({ reportId: z.string().min(1).max(64) });
