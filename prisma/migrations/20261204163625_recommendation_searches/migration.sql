-- CreateTable
CREATE TABLE "RecommendationSearch" (
    "id" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "live" JSONB NOT NULL,
    "spec" JSONB NOT NULL,
    "inputsHash" TEXT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "stage" TEXT NOT NULL DEFAULT '',
    "best" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "lockedBy" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "reportHash" TEXT,
    "report" JSONB,

    CONSTRAINT "RecommendationSearch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateEvaluation" (
    "id" TEXT NOT NULL,
    "searchId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "inputs" JSONB NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "outcome" JSONB,
    "reportId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "lockedBy" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CandidateEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecommendationSearch_status_queuedAt_idx" ON "RecommendationSearch"("status", "queuedAt");

-- CreateIndex
CREATE INDEX "CandidateEvaluation_status_createdAt_idx" ON "CandidateEvaluation"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CandidateEvaluation_searchId_taskId_key" ON "CandidateEvaluation"("searchId", "taskId");

-- AddForeignKey
ALTER TABLE "CandidateEvaluation" ADD CONSTRAINT "CandidateEvaluation_searchId_fkey" FOREIGN KEY ("searchId") REFERENCES "RecommendationSearch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
