// Entry point of the license-desk command (built to out/node/cli.js).
import { main } from './main'

const ctrl = new AbortController()
// A listener that stays registered: with `once`, signal-exit (loaded with conf) saw no other listener and
// re-raised the signal, killing `license-desk ui` before it could stop cleanly. A second Ctrl-C still quits.
let interrupted = false
process.on('SIGINT', () => {
  if (interrupted) process.exit(130)
  interrupted = true
  ctrl.abort()
})
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
