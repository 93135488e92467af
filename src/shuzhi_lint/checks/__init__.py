"""Built-in check kinds, one module per family."""

from __future__ import annotations


def all_kinds() -> list:
    from shuzhi_lint.checks.pattern import PatternKind
    from shuzhi_lint.checks.slots import SlotKind
    from shuzhi_lint.checks.numbers import ShareOfTotalKind, SplicedYearKind
    from shuzhi_lint.checks.artifacts import CampaignYearKind
    from shuzhi_lint.checks.correspondence import CorrespondenceKind
    from shuzhi_lint.checks.consistency import AnonymisationLeakKind, FigureTwoWaysKind, YearMismatchKind
    from shuzhi_lint.checks.duplication import BatchDuplicateKind, CorpusCopyKind, PreviousCopyKind, PreviousRectificationKind
    from shuzhi_lint.checks.figures import NumberThresholdKind, PartWholeKind, RepeatedValueKind
    from shuzhi_lint.checks.structure import DocumentLengthKind, GenrePartKind, HeadingNumberingKind, NotAReportKind, RequiredSectionKind
    from shuzhi_lint.checks.items import VagueItemKind
    from shuzhi_lint.checks.shares import StatedShareKind
    from shuzhi_lint.checks.genre_checks import CauseDimensionsKind, RectificationItemKind
    from shuzhi_lint.checks.text import BalancedPairsKind
    from shuzhi_lint.checks.realtext import AlteredFormulationKind, MaskedTextKind, QuoteMarksKind, SpunSynonymKind, TraditionalCharsKind
    from shuzhi_lint.checks.wordlist import WordlistKind
    from shuzhi_lint.checks.spelling import ContextSlipKind, DeUsageKind, MissingCharKind, NearReadingKind, NearReadingWordKind, RepeatedWordKind

    return [
        PatternKind,
        RequiredSectionKind,
        GenrePartKind,
        NotAReportKind,
        HeadingNumberingKind,
        DocumentLengthKind,
        WordlistKind,
        NumberThresholdKind,
        RepeatedValueKind,
        PartWholeKind,
        BalancedPairsKind,
        VagueItemKind,
        CampaignYearKind,
        AnonymisationLeakKind,
        YearMismatchKind,
        FigureTwoWaysKind,
        StatedShareKind,
        CorrespondenceKind,
        CorpusCopyKind,
        PreviousCopyKind,
        PreviousRectificationKind,
        BatchDuplicateKind,
        SlotKind,
        SplicedYearKind,
        ShareOfTotalKind,
        TraditionalCharsKind,
        MaskedTextKind,
        SpunSynonymKind,
        QuoteMarksKind,
        AlteredFormulationKind,
        DeUsageKind,
        RepeatedWordKind,
        NearReadingKind,
        MissingCharKind,
        NearReadingWordKind,
        ContextSlipKind,
        RectificationItemKind,
        CauseDimensionsKind,
    ]
