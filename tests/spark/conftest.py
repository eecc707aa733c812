"""One local[2] SparkSession for the whole spark suite."""

from __future__ import annotations

import os
import shutil
import warnings

import pytest


@pytest.fixture(scope="session")
def spark():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*pandas.*", category=FutureWarning)
        pytest.importorskip("pyspark", reason="pip install 'eventwire[spark]'")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java 17+ (apt-get install openjdk-17-jre-headless)")
    import fake_stages
    from pyspark import cloudpickle

    from eventwire.spark import spark_session

    cloudpickle.register_pickle_by_value(fake_stages)  # executors cannot import tests/
    session = spark_session(
        master="local[2]",
        app_name="eventwire-tests",
        conf={
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": "4",
            "spark.driver.memory": "1g",
        },
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
