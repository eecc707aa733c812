"""The application file for ``spark-submit``: the arguments are those of ``eventwire spark``.

    spark-submit --master yarn eventwire/spark/submit.py s3a://.../warc.paths.gz --output ...

Absolute imports only: spark-submit runs this file as a script, not as part of the package.
"""

import sys

from eventwire.cli.spark import main

if __name__ == "__main__":
    sys.exit(main())
