"""Built-in check kinds, one module per family."""

from __future__ import annotations


def all_kinds() -> list:
    # imported here, not at the top: this package's __init__ runs whenever any kind module (or
    # checks.base) is imported, and every kind module imports checks.base
    from shuzhi_lint.checks.pattern import PatternKind
    from shuzhi_lint.checks.slots import SlotKind
    from shuzhi_lint.checks.numbers import SplicedYearKind
    from shuzhi_lint.checks.artifacts import EarlyCampaignKind, StaleCampaignKind
    from shuzhi_lint.checks.correspondence import (
        AnnouncedCountKind,
        CauseCoverageKind,
        GeneralCausesKind,
        MeasureCountKind,
        ObjectiveCauseKind,
        OrphanMeasureKind,
        UnansweredProblemKind,
    )
    from shuzhi_lint.checks.consistency import AnonymisationLeakKind, FigureTwoWaysKind, YearMismatchKind
    from shuzhi_lint.checks.duplication import BatchDuplicateKind, CorpusPassagesKind, CorpusShareKind, PreviousCopyKind, PreviousRectificationKind
    from shuzhi_lint.checks.figures import NumberThresholdKind, PartWholeKind, RepeatedValueKind
    from shuzhi_lint.checks.structure import DocumentLengthKind, GenrePartKind, HeadingNestingKind, HeadingSequenceKind, NotAReportKind, RequiredSectionKind
    from shuzhi_lint.checks.items import VagueItemKind
    from shuzhi_lint.checks.shares import StatedShareKind
    from shuzhi_lint.checks.genre_checks import OccurrenceKind, RectificationItemKind
    from shuzhi_lint.checks.text import BalancedPairsKind
    from shuzhi_lint.checks.realtext import AlteredFormulationKind, FormulationGapKind, MaskedTextKind, QuoteMarksKind, SpunSynonymKind, TraditionalCharsKind
    from shuzhi_lint.checks.wordlist import WordlistKind
    from shuzhi_lint.checks.watermark import RecurringSpliceKind, SplicedWatermarkKind
    from shuzhi_lint.checks.deletion import MissingCharContextKind
    from shuzhi_lint.checks.spelling import ContextSlipKind, DeUsageKind, MissingCharKind, NearReadingKind, NearReadingWordKind, RepeatedWordKind

    return [
        PatternKind,
        RequiredSectionKind,
        GenrePartKind,
        NotAReportKind,
        HeadingSequenceKind,
        HeadingNestingKind,
        DocumentLengthKind,
        WordlistKind,
        NumberThresholdKind,
        RepeatedValueKind,
        PartWholeKind,
        BalancedPairsKind,
        VagueItemKind,
        StaleCampaignKind,
        EarlyCampaignKind,
        AnonymisationLeakKind,
        YearMismatchKind,
        FigureTwoWaysKind,
        StatedShareKind,
        UnansweredProblemKind,
        MeasureCountKind,
        CauseCoverageKind,
        ObjectiveCauseKind,
        OrphanMeasureKind,
        AnnouncedCountKind,
        GeneralCausesKind,
        CorpusPassagesKind,
        CorpusShareKind,
        PreviousCopyKind,
        PreviousRectificationKind,
        BatchDuplicateKind,
        SlotKind,
        SplicedYearKind,
        TraditionalCharsKind,
        MaskedTextKind,
        SpunSynonymKind,
        QuoteMarksKind,
        AlteredFormulationKind,
        FormulationGapKind,
        DeUsageKind,
        RepeatedWordKind,
        NearReadingKind,
        MissingCharKind,
        NearReadingWordKind,
        ContextSlipKind,
        MissingCharContextKind,
        RectificationItemKind,
        OccurrenceKind,
        SplicedWatermarkKind,
        RecurringSpliceKind,
    ]
