# Never makes a multiplexing call: prints once, then sleeps for the given seconds.
import sys
import time

print("just sleeping", flush=True)
time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 60)
