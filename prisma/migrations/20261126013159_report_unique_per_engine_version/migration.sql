-- DropIndex
DROP INDEX "Report_inputsHash_key";

-- CreateIndex
CREATE UNIQUE INDEX "Report_inputsHash_engineVersion_key" ON "Report"("inputsHash", "engineVersion");
