# Servers the tests need, installed from Debian packages and started on loopback.
# Sourced by .ci/run; exports the addresses tests read from the environment.

start_services() {
  :
}

stop_services() {
  :
}
