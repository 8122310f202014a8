// Encrypts and decrypts one file with the AWS Encryption SDK for JavaScript (streaming), for build.ps1 -Task Bench.
// Usage: node bench.mjs <endpoint> <key-arn> <file | memory:MiB> <suite-hex> <frame-length> [passes]; credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
// passes (default 1): the figures are the best of that many encryptions and decryptions, as MessageBench takes ours.
// memory:MiB encrypts and decrypts that many random bytes in memory (encrypt/decrypt on buffers), with no file I/O.
// Prints the figures as JSON.
import { createReadStream, createWriteStream } from 'node:fs'
import { stat, unlink } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { randomFillSync } from 'node:crypto'
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node'
import { KMS } from '@aws-sdk/client-kms'

const [endpoint, keyArn, file, suiteHex, frameText, passesText] = process.argv.slice(2)
const passes = parseInt(passesText ?? '1', 10)
const { encrypt, decrypt, encryptStream, decryptUnsignedMessageStream, decryptStream } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
const clientProvider = (region) => new KMS({
  region, endpoint,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY },
})
const keyring = new KmsKeyringNode({ generatorKeyId: keyArn, keyIds: [], clientProvider })
const suiteId = parseInt(suiteHex, 16)
const frameLength = parseInt(frameText, 10)

if (file.startsWith('memory:')) {
  const plaintext = randomFillSync(Buffer.alloc(parseInt(file.slice('memory:'.length), 10) * 1024 * 1024))
  await decrypt(keyring, (await encrypt(keyring, Buffer.alloc(1024), { suiteId, frameLength })).result) // warm-up
  let encryptSeconds = Infinity
  let decryptSeconds = Infinity
  let back
  for (let pass = 0; pass < passes; pass++) {
    let start = process.hrtime.bigint()
    const { result } = await encrypt(keyring, plaintext, { suiteId, frameLength })
    encryptSeconds = Math.min(encryptSeconds, Number(process.hrtime.bigint() - start) / 1e9)
    start = process.hrtime.bigint()
    back = (await decrypt(keyring, result)).plaintext
    decryptSeconds = Math.min(decryptSeconds, Number(process.hrtime.bigint() - start) / 1e9)
  }
  const mb = plaintext.length / 1e6
  process.stdout.write(JSON.stringify({
    suite: suiteHex, sizeBytes: plaintext.length, encryptMBps: Math.round(mb / encryptSeconds), decryptMBps: Math.round(mb / decryptSeconds),
    sameLength: back.length === plaintext.length && back.equals(plaintext), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n')
  process.exit(0)
}

const size = (await stat(file)).size
const encrypted = `${file}.js.esdk`
const decrypted = `${file}.js.out`

const signed = suiteId === 0x0578
let encryptSeconds = Infinity
let decryptSeconds = Infinity
for (let pass = 0; pass < passes; pass++) {
  let start = process.hrtime.bigint()
  await pipeline(createReadStream(file), encryptStream(keyring, { suiteId, frameLength }), createWriteStream(encrypted))
  encryptSeconds = Math.min(encryptSeconds, Number(process.hrtime.bigint() - start) / 1e9)
  start = process.hrtime.bigint()
  await pipeline(createReadStream(encrypted), signed ? decryptStream(keyring) : decryptUnsignedMessageStream(keyring), createWriteStream(decrypted))
  decryptSeconds = Math.min(decryptSeconds, Number(process.hrtime.bigint() - start) / 1e9)
}
const decryptedSize = (await stat(decrypted)).size
await unlink(encrypted)
await unlink(decrypted)
const mb = size / 1e6
process.stdout.write(JSON.stringify({
  suite: suiteHex, sizeBytes: size, encryptMBps: Math.round(mb / encryptSeconds), decryptMBps: Math.round(mb / decryptSeconds),
  sameLength: decryptedSize === size, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}) + '\n')
