// Runs a batch of AWS Encryption SDK for JavaScript encryptions and decryptions described by a JSON file, so the
// xunit interop tests pay node's start-up once per direction. Prints one JSON result per job.
// Usage: node esdk.mjs <jobs.json>
import { readFile, writeFile } from 'node:fs/promises'
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node'
import { KMS } from '@aws-sdk/client-kms'

const spec = JSON.parse(await readFile(process.argv[2], 'utf8'))
const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)

// The keyring needs the aggregated KMS class (a bare KMSClient has no generateDataKey method).
const clientProvider = (region) => new KMS({
  region,
  endpoint: spec.endpoint,
  credentials: { accessKeyId: spec.accessKeyId, secretAccessKey: spec.secretAccessKey },
})

function keyring (job) {
  if (job.discovery) return new KmsKeyringNode({ discovery: true, clientProvider })
  const [generatorKeyId, ...keyIds] = job.keyIds
  return job.op === 'encrypt'
    ? new KmsKeyringNode({ generatorKeyId, keyIds, clientProvider })
    : new KmsKeyringNode({ keyIds: job.keyIds, clientProvider })
}

const results = []
for (const job of spec.jobs) {
  try {
    const input = await readFile(job.input)
    if (job.op === 'encrypt') {
      const { result } = await encrypt(keyring(job), input, {
        suiteId: parseInt(job.suite, 16),
        frameLength: job.frameLength,
        encryptionContext: job.context ?? {},
      })
      await writeFile(job.output, result)
      results.push({ ok: true })
    } else {
      const { plaintext, messageHeader } = await decrypt(keyring(job), input)
      await writeFile(job.output, plaintext)
      results.push({ ok: true, suite: messageHeader.suiteId, frameLength: messageHeader.frameLength, context: messageHeader.encryptionContext })
    }
  } catch (error) {
    results.push({ ok: false, error: String(error?.stack ?? error) })
  }
}
process.stdout.write(JSON.stringify(results))
