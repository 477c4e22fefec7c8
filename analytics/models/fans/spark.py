"""Spark MLlib ALS for fan bases past one machine (``--engine spark``).

The confidence matrix built by :func:`~analytics.models.interactions.confidence`
is written to Parquet (``user``, ``item``, ``rating`` as positions) and
fitted with ``pyspark.ml.recommendation.ALS(implicitPrefs=True)``; the
factors come back as arrays in the same positions, so evaluation,
baselines, segments and answers are the same code as with ``implicit``.

Matching the two engines:

- confidence: Spark computes ``c = 1 + alpha_spark * |rating|``; we pass
  ``rating = alpha * f(r)`` (our ``c - 1``) with ``alpha_spark = 1``, so both
  see the same ``c_ui`` and preference ``p_ui = 1``;
- regularisation: ``implicit`` adds ``lambda * I`` to every fan's and
  video's normal equations; Spark adds ``regParam * n * I`` where ``n`` is
  that fan's (or video's) number of interactions (ALS-WR, Zhou et al.
  2008). We pass ``regParam = lambda / sqrt(mean interactions per fan *
  mean interactions per video)`` (:func:`spark_reg_param`), equal to
  ``lambda`` at a fan and a video of typical activity.

Spark runs in local mode (``local[*]``) unless a master URL is given
(``--spark-master spark://host:7077``, or ``SPARK_MASTER``); on a cluster
the Parquet export goes to ``FANS_SPARK_EXPORT_DIR``, a folder every
executor can read. It needs the
optional ``requirements-spark.txt`` and a Java 17+ runtime
(``scripts/ensure_java.py`` installs Debian's where missing).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from analytics.errors import AnalyticsError

#: The Spark session of this process, reused across fits (start-up takes seconds).
_SESSION: dict[str, Any] = {}


def spark_available() -> tuple[bool, str]:
    """Whether PySpark and a Java runtime are present, and if not, why (plain words)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False, "PySpark is not installed: pip install -r requirements-spark.txt"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return False, "Spark needs a Java 17+ runtime: run python scripts/ensure_java.py"
    return True, ""


def spark_reg_param(regularization: float, conf: sp.csr_matrix) -> float:
    """Spark's ``regParam`` that matches ``implicit``'s ``regularization`` (see module notes)."""
    n_users, n_items = conf.shape
    nnz = max(int(conf.nnz), 1)
    per_user = nnz / max(int((np.diff(conf.indptr) > 0).sum()), 1)
    per_item = nnz / max(int(np.unique(conf.indices).size), 1)
    del n_users, n_items
    return float(regularization) / float(np.sqrt(per_user * per_item))


#: User and item blocks of every Spark ALS fit.
ALS_BLOCKS = 10


def spark_session(master: str | None = None) -> Any:
    """The process's Spark session (created on first use; quiet, no web UI, localhost only)."""
    ok, why = spark_available()
    if not ok:
        raise AnalyticsError(why)
    from pyspark.sql import SparkSession

    url = master or os.environ.get("SPARK_MASTER") or "local[*]"
    if _SESSION.get("master") == url:
        return _SESSION["session"]
    if "session" in _SESSION:
        _SESSION.pop("session").stop()
        shutil.rmtree(_SESSION.pop("checkpoints", ""), ignore_errors=True)
    builder = (
        SparkSession.builder.master(url)
        .appName("creator-analytics-fans")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.local.dir", tempfile.gettempdir())
    )
    if url.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config(
            "spark.driver.host", "127.0.0.1"
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    # ALS cuts its lineage every few sweeps through checkpoints (else a deep plan
    # overflows the JVM stack on serialisation).
    checkpoints = tempfile.mkdtemp(prefix="fans-spark-checkpoints-")
    session.sparkContext.setCheckpointDir(checkpoints)
    _SESSION.update(master=url, session=session, checkpoints=checkpoints)
    # The folder holds only this process's lineage cuts: removed when the process ends.
    atexit.register(shutil.rmtree, checkpoints, True)
    return session


def write_parquet(conf: sp.csr_matrix, path: str | os.PathLike[str]) -> Path:
    """The confidence matrix as Parquet rows ``user``, ``item``, ``rating`` (``c - 1``, > 0)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    coo = conf.tocoo()
    rating = np.maximum(coo.data.astype(np.float32) - np.float32(1.0), np.float32(1e-6))
    table = pa.table(
        {
            "user": coo.row.astype(np.int32),
            "item": coo.col.astype(np.int32),
            "rating": rating,
        }
    )
    out = Path(path)
    pq.write_table(table, out)
    return out


def fit_factors_spark(
    conf: sp.csr_matrix,
    params: Any,
    factors: int,
    random_state: int,
    *,
    master: str | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Fit Spark MLlib implicit ALS on a confidence matrix; factors by position.

    Parameters
    ----------
    conf : scipy.sparse.csr_matrix, shape (n_users, n_items)
        ``c_ui = 1 + alpha * f(r_ui)`` (every stored value >= 1).
    params : ALSParams
        ``regularization`` (scaled by :func:`spark_reg_param`) and ``iterations``.
    factors : int
        Rank.
    master : str, optional
        Spark master URL (default ``local[*]``).

    Returns
    -------
    (user_factors, item_factors)
        float32 arrays of shape (n_users, factors) and (n_items, factors);
        rows of fans or videos without interactions are 0.
    """
    from pyspark.ml.recommendation import ALS

    spark = spark_session(master)
    # A fixed block count (Spark's default), not the machine's cores: each block seeds
    # its own initial factors, so the same store gives the same fit on any machine.
    blocks = ALS_BLOCKS
    n_users, n_items = conf.shape
    # On a cluster every executor reads the export: FANS_SPARK_EXPORT_DIR names a folder
    # they all see (a shared mount); locally the temp folder does.
    base = os.environ.get("FANS_SPARK_EXPORT_DIR") or None
    workdir = Path(tempfile.mkdtemp(prefix="fans-spark-", dir=base))
    try:
        data = spark.read.parquet(str(write_parquet(conf, workdir / "interactions.parquet")))
        als = ALS(
            rank=int(factors),
            maxIter=int(params.iterations),
            regParam=spark_reg_param(params.regularization, conf),
            implicitPrefs=True,
            alpha=1.0,
            userCol="user",
            itemCol="item",
            ratingCol="rating",
            seed=int(random_state),
            nonnegative=False,
            numUserBlocks=blocks,
            numItemBlocks=blocks,
            checkpointInterval=5,
        )
        model = als.fit(data)
        users = np.zeros((n_users, factors), dtype=np.float32)
        items = np.zeros((n_items, factors), dtype=np.float32)
        for target, frame in ((users, model.userFactors), (items, model.itemFactors)):
            rows = frame.collect()
            if rows:
                ids = np.fromiter((r["id"] for r in rows), dtype=np.int64, count=len(rows))
                target[ids] = np.asarray([r["features"] for r in rows], dtype=np.float32)
        return users, items
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
