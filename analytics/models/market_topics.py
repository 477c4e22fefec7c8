"""Topics from similar channels: ALS on a channel x topic matrix.

The same machinery as the fans model, with channels in the rows and topics
(tags) in the columns: the strength of a pair is the number of the
channel's videos carrying the tag. Market data (for instance a trending
snapshot, one row per video of many channels) gives many channels; a
channel's recommended topics are the ones that channels like it use and it
does not, each shown with the similar channels that use it as evidence.

Channels "like it" are the nearest channels by cosine of their ALS channel
factors; topic scores are the ALS predicted preferences. Hu, Koren and
Volinsky, ICDM 2008, applied to a channel x topic matrix as in
"topic recommendation" work on social media (e.g. Kywe et al., "On
Recommending Hashtags in Twitter Networks", SocInfo 2012).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.errors import NotEnoughDataError
from analytics.models.fans import ALSParams, FansModel, Ranked
from analytics.models.fans.matrix import nearest_by_cosine
from analytics.models.interactions import from_frame

#: Default hyperparameters: the matrix has no time order to tune them on.
MARKET_PARAMS = ALSParams(factors=16, regularization=0.1, alpha=3.0, iterations=15)


@dataclass
class TopicPicks:
    """Recommended topics for one channel, with evidence.

    Attributes
    ----------
    channel_id : str
    known : bool
        False when the channel has no tagged videos in the market data.
    picks : pandas.DataFrame
        Columns ``topic``, ``score`` (predicted preference),
        ``similar_channels_using`` (how many of the ``n_neighbours`` most
        similar channels use it), ``evidence`` (list of up to
        ``n_evidence`` similar channels using it, most similar first).
    similar_channels : pandas.DataFrame
        ``channel_id``, ``display_name``, ``similarity`` (cosine), most
        similar first.
    message : str
    """

    channel_id: str
    known: bool
    picks: pd.DataFrame = field(default_factory=pd.DataFrame)
    similar_channels: pd.DataFrame = field(default_factory=pd.DataFrame)
    message: str = ""


class MarketTopicsModel:
    """ALS over channels x topics, recommending topics that similar channels use.

    Parameters
    ----------
    params : ALSParams
        Hyperparameters (default :data:`MARKET_PARAMS`).
    min_channels_per_topic : int
        Topics used by fewer channels are left out (one-off tags say nothing
        about similarity).
    random_state : int

    Attributes
    ----------
    model_ : FansModel
        The fitted ALS model (users = channels, items = topics).
    names_ : dict of str to str
        Channel id -> display name (id when unknown).
    """

    def __init__(
        self,
        params: ALSParams | None = None,
        *,
        min_channels_per_topic: int = 2,
        random_state: int = 0,
    ) -> None:
        self.params = params or MARKET_PARAMS
        self.min_channels_per_topic = min_channels_per_topic
        self.random_state = random_state

    def fit(self, channel_topics: pd.DataFrame) -> MarketTopicsModel:
        """Fit on channel x topic counts.

        Parameters
        ----------
        channel_topics : pandas.DataFrame
            Columns ``channel_id``, ``topic``, optional ``videos`` (count of
            the channel's videos with the topic, default 1) and
            ``display_name``.

        Returns
        -------
        MarketTopicsModel

        Raises
        ------
        NotEnoughDataError
            Fewer than 2 channels or 2 topics remain after dropping rare topics.
        """
        frame = channel_topics.copy()
        frame["channel_id"] = frame["channel_id"].astype(str)
        frame["topic"] = frame["topic"].astype(str).str.strip().str.lower()
        frame = frame[frame["topic"] != ""]
        if "videos" not in frame.columns:
            frame["videos"] = 1
        users_per_topic = frame.groupby("topic")["channel_id"].nunique()
        common = users_per_topic[users_per_topic >= self.min_channels_per_topic].index
        frame = frame[frame["topic"].isin(common)]
        if frame["channel_id"].nunique() < 2 or frame["topic"].nunique() < 2:
            raise NotEnoughDataError(
                "too little market data: topics from similar channels need at least 2 channels "
                f"sharing at least 2 topics used by {self.min_channels_per_topic}+ channels"
            )
        matrix = from_frame(
            frame,
            user_col="channel_id",
            item_col="topic",
            weight_col="videos",
            event_col=None,
            time_col=None,
            spam_col=None,
        )
        self.model_ = FansModel(self.params, random_state=self.random_state).fit(matrix)
        names = {}
        if "display_name" in frame.columns:
            for cid, name in zip(frame["channel_id"], frame["display_name"], strict=True):
                if isinstance(name, str) and name.strip():
                    names[cid] = name
        self.names_ = names
        return self

    def name_of(self, channel_id: str) -> str:
        """Display name of a channel (its id when it has none)."""
        return self.names_.get(channel_id, channel_id)

    def _unit_users(self) -> np.ndarray:
        u = self.model_.user_factors_.astype(np.float64)
        norms = np.linalg.norm(u, axis=1, keepdims=True)
        return np.divide(u, norms, out=np.zeros_like(u), where=norms > 0)

    def similar_channels(self, channel_id: str, n: int = 10) -> Ranked:
        """Channels with the nearest channel factors (cosine, ``implicit``'s ``similar_users``), most similar first."""
        m = self.model_
        c = m.users_.index_of(channel_id)
        if c is None:
            return Ranked(channel_id, False, message=self._unknown(channel_id))
        best, cos = nearest_by_cosine(m.user_factors_, c, n, users=True)
        return Ranked(
            channel_id,
            True,
            m.users_.keys_of(best),
            [float(v) for v in cos],
            method="channel factors",
        )

    def _unknown(self, channel_id: str) -> str:
        return (
            f"channel {channel_id!r} has no tagged videos among the market data (or only "
            f"tags no other channel uses), so there are no similar channels to learn from"
        )

    def recommend_topics(
        self, channel_id: str, n: int = 10, *, n_neighbours: int = 20, n_evidence: int = 3
    ) -> TopicPicks:
        """Topics similar channels use and this channel does not, with evidence.

        Parameters
        ----------
        channel_id : str
            A channel in the fitted data.
        n : int
            Number of topics.
        n_neighbours : int
            Similar channels counted in ``similar_channels_using``.
        n_evidence : int
            Similar channels listed per topic.

        Returns
        -------
        TopicPicks
            ``known=False`` with a message for a channel not in the data.
        """
        m = self.model_
        c = m.users_.index_of(channel_id)
        if c is None:
            return TopicPicks(channel_id, False, message=self._unknown(channel_id))
        rec = m.recommend(channel_id, n)
        unit = self._unit_users()
        sim = unit @ unit[c]
        sim[c] = -np.inf
        neighbours = np.argsort(-sim, kind="stable")[:n_neighbours]
        ui = m.user_items_.tocsc()
        rows = []
        for topic, score in zip(rec.ids, rec.scores, strict=True):
            t = int(m.items_.indices([topic])[0])  # a recommended topic is always known
            users = ui.indices[ui.indptr[t] : ui.indptr[t + 1]]
            users = users[users != c]
            ordered = users[np.argsort(-sim[users], kind="stable")]
            evidence = [self.name_of(k) for k in m.users_.keys_of(ordered[:n_evidence])]
            rows.append((topic, score, int(np.isin(neighbours, users).sum()), evidence))
        picks = pd.DataFrame(rows, columns=["topic", "score", "similar_channels_using", "evidence"])
        similar = self.similar_channels(channel_id, n_evidence * 3)
        similar_frame = pd.DataFrame(
            {
                "channel_id": similar.ids,
                "display_name": [self.name_of(k) for k in similar.ids],
                "similarity": similar.scores,
            }
        )
        message = ""
        if picks.empty:
            message = (
                f"the {len(m.users_)} channels in the market data use no topic that this "
                "channel does not already use; import market data (for instance a "
                "trending snapshot) to compare with more channels"
            )
        return TopicPicks(channel_id, True, picks, similar_frame, message)
