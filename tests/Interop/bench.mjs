// Encrypts and decrypts one file with the AWS Encryption SDK for JavaScript (streaming), for build.ps1 -Task Bench.
// Usage: node bench.mjs <endpoint> <key-arn> <file> <suite-hex> <frame-length>; credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
// Prints the figures as JSON.
import { createReadStream, createWriteStream } from 'node:fs'
import { stat, unlink } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node'
import { KMS } from '@aws-sdk/client-kms'

const [endpoint, keyArn, file, suiteHex, frameText] = process.argv.slice(2)
const { encryptStream, decryptUnsignedMessageStream, decryptStream } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT)
const clientProvider = (region) => new KMS({
  region, endpoint,
  credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY },
})
const keyring = new KmsKeyringNode({ generatorKeyId: keyArn, keyIds: [], clientProvider })
const suiteId = parseInt(suiteHex, 16)
const size = (await stat(file)).size
const encrypted = `${file}.js.esdk`
const decrypted = `${file}.js.out`

let start = process.hrtime.bigint()
await pipeline(createReadStream(file), encryptStream(keyring, { suiteId, frameLength: parseInt(frameText, 10) }), createWriteStream(encrypted))
const encryptSeconds = Number(process.hrtime.bigint() - start) / 1e9
start = process.hrtime.bigint()
const signed = suiteId === 0x0578
await pipeline(createReadStream(encrypted), signed ? decryptStream(keyring) : decryptUnsignedMessageStream(keyring), createWriteStream(decrypted))
const decryptSeconds = Number(process.hrtime.bigint() - start) / 1e9
const decryptedSize = (await stat(decrypted)).size
await unlink(encrypted)
await unlink(decrypted)
const mb = size / 1e6
process.stdout.write(JSON.stringify({
  suite: suiteHex, sizeBytes: size, encryptMBps: Math.round(mb / encryptSeconds), decryptMBps: Math.round(mb / decryptSeconds),
  sameLength: decryptedSize === size, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}) + '\n')
