-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fullAt" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("bucket","key")
);

-- CreateIndex
CREATE INDEX "RateLimitBucket_fullAt_idx" ON "RateLimitBucket"("fullAt");
