// Entry point of the license-desk command (built to out/node/cli.js).
import { main } from './main'

const ctrl = new AbortController()
process.once('SIGINT', () => ctrl.abort())
main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  signal: ctrl.signal
}).then(
  (code) => {
    process.exitCode = code
  },
  () => {
    process.stderr.write('license-desk: unexpected failure.\n')
    process.exitCode = 1
  }
)
