-- CreateTable
CREATE TABLE "SnapshotSubmission" (
    "proposalId" TEXT NOT NULL,
    "signer" TEXT NOT NULL,
    "message" JSONB NOT NULL,
    "messageHash" TEXT NOT NULL,
    "signature" TEXT,
    "reservedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3),
    "ipfs" TEXT,
    "relayerAddress" TEXT,
    "relayerReceipt" TEXT,
    "lastError" TEXT,

    CONSTRAINT "SnapshotSubmission_pkey" PRIMARY KEY ("proposalId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SnapshotSubmission_messageHash_key" ON "SnapshotSubmission"("messageHash");

-- AddForeignKey
ALTER TABLE "SnapshotSubmission" ADD CONSTRAINT "SnapshotSubmission_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
