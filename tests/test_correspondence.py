"""The problem–measure matcher on small reports written for it."""

from __future__ import annotations

from shuzhi_lint.api import lint_text, outline_of


def report(problems: str, measures: str, causes: str = "一是思想认识不到位。二是责任意识不强。") -> str:
    return f"一、履职情况\n全年召开会议12次。\n二、存在的问题\n{problems}\n三、原因分析\n{causes}\n四、下一步措施\n{measures}\n"


def unanswered(text):
    return [f.message for f in lint_text(text, select=["CR001"]) if f.code == "CR001"]


def test_paraphrased_measure_still_answers():
    text = report("一是理论学习不够深入。二是党建与业务融合不够，存在“两张皮”现象。", "一是深化理论武装。二是推动党建和业务工作同谋划同考核。")
    assert unanswered(text) == []


def test_unrelated_measure_does_not_answer():
    text = report("一是理论学习不够深入。二是党员管理不够严格。", "一是深化理论武装。二是做好防汛抗旱工作。")
    msgs = unanswered(text)
    assert len(msgs) == 1 and "党员管理不够严格" in msgs[0]


def test_concrete_commitment_in_body_answers_but_passing_mention_does_not():
    answered = report("一是投入的时间精力不足。", "一是落实责任，肩起担子。个人确保花三分之一以上时间研究党建工作。")
    assert unanswered(answered) == []
    passing = report("一是工作方式不够创新。", "一是发挥群团组织作用。加强群团建设，创新工作方式方法。")
    assert len(unanswered(passing)) == 1


def test_correspondence_rows_in_outline():
    from shuzhi_lint.api import linter
    from shuzhi_lint.checks.base import Context
    from shuzhi_lint.checks.correspondence import compute
    from shuzhi_lint.document import Document

    text = report("一是理论学习不够深入。二是党建创新不够。", "一是打造党建品牌，创新主题党日形式。二是深化理论武装。")
    lt = linter()
    doc = Document(path="x.txt", text=text)
    o = outline_of(text)
    rows = compute(Context(doc, o, lt.data, {})).as_rows()
    assert rows[0]["measures"][:1] == [1] and rows[1]["measures"][:1] == [0]


def test_announced_count_and_objective_first():
    text = report(
        "一是理论学习不够深入。二是党建创新不够。",
        "一是深化理论武装。二是打造党建品牌。",
        causes="主要有以下三个方面原因：一是工作任务重，人手少。二是思想认识不到位。",
    )
    codes = {f.code for f in lint_text(text, select=["CR006", "CR004"])}
    assert codes == {"CR006", "CR004"}



def assert_answers(measure: str, problem: str) -> None:
    """``measure`` answers ``problem``: beside them, an unrelated second pair, the only one reported,
    shows that the check still runs and still reports what nothing answers."""
    msgs = unanswered(report(problem + "二是党费收缴管理不够规范。", measure + "二是开展谈心谈话。"))
    assert len(msgs) == 1 and "党费收缴" in msgs[0], msgs


def test_new_employment_groups_are_one_topic():
    # 新兴领域 / 新业态 / 新就业群体 / 网约车 / 快递外卖 name the same Party-building field
    for problem, measure in [
        ("一是新兴领域党建覆盖不够，网约车司机中的党员作用发挥不明显。", "一是建立新就业群体党建联盟，每季度召开联席会议1次。"),
        ("一是对快递外卖等新业态党建研究不深。", "一是推动新就业形态劳动者入党积极分子培养，年内发展党员2名。"),
    ]:
        assert_answers(measure, problem)


def test_an_ageing_membership_is_answered_by_recruiting_young_members():
    # 老龄化 / 年龄偏大 / 后继乏人 / “60岁以上” name the problem that 发展年轻党员 answers
    for problem, measure in [
        ("一是党员队伍年龄偏大，60岁以上的占一半以上。", "一是注重从致富能手、退役军人中发展年轻党员，年内发展2名。"),
        ("一是村里党员后继乏人，青黄不接。", "一是把返乡大学生作为青年人才重点培养，建立后备力量台账。"),
    ]:
        assert_answers(measure, problem)
    # an ageing problem that no measure touches is still reported
    msgs = unanswered(report("一是党员老龄化严重。", "一是改造党群服务中心，完善活动阵地。"))
    assert len(msgs) == 1 and "老龄化" in msgs[0], msgs


def test_uneven_branches_are_answered_by_work_on_lagging_branches():
    # 发展不平衡 / 参差不齐 is what 后进支部 (lagging branches) and 分类指导 are about
    for problem, measure in [
        ("一是所属支部建设参差不齐。", "一是对后进党组织逐个制定整顿方案，每半年验收1次。"),
        ("一是基层党组织发展不平衡。", "一是实行分类指导，年底前软弱支部全部达标。"),
    ]:
        assert_answers(measure, problem)
    msgs = unanswered(report("一是所属支部建设参差不齐。", "一是开展防汛应急演练2次。"))
    assert len(msgs) == 1 and "参差不齐" in msgs[0], msgs


def test_training_answers_a_capability_problem_of_grid_workers():
    # 网格员 is one word (domain dictionary); 培训/轮训 is the answer to an ability problem
    assert_answers("一是开展网格员轮训，每半年1次。", "一是部分网格员业务能力不强。")


def uncovered(text):
    return [f.message for f in lint_text(text, select=["CR003"]) if f.code == "CR003"]


def test_causes_in_the_words_of_neighbouring_topics_cover_their_problems():
    # 两新 ~ 新兴领域; 集体经济增收 ~ 产业
    problems = "一是对辖区“两新”组织党建指导不够。二是村集体经济增收乏力。"
    covered = report(problems, "一是选派党建指导员5名。二是发展特色产业1个。", causes="一是对新兴领域党建研究不深。二是发展产业的思路不宽。")
    assert uncovered(covered) == []
    partly = report(problems, "一是选派党建指导员5名。二是发展特色产业1个。", causes="一是对新兴领域党建研究不深。二是对党费工作重视不够。")
    msgs = uncovered(partly)
    assert len(msgs) == 1 and "集体经济" in msgs[0], msgs


def test_a_measure_that_names_its_problem_answers_it():
    text = report(
        "一是理论学习不够系统。二是支部对林下种植等新路子研究不多，带领职工增收的办法少。三是辅警队伍中党员比例偏低。",
        "一是针对学习不系统，每月组织1次专题研讨。二是针对增收办法少，年内试种药材30亩。三是针对辅警党员偏少，每年培养积极分子2名。",
    )
    assert unanswered(text) == []


def test_a_named_problem_that_is_not_there_answers_nothing():
    text = report("一是理论学习不够系统。二是党员管理不够严格。", "一是针对学习不系统，每月组织1次专题研讨。二是针对增收办法少，年内试种药材30亩。")
    msgs = unanswered(text)
    assert len(msgs) == 1 and "党员管理不够严格" in msgs[0]


def test_a_word_split_by_the_dictionary_after_a_function_character_still_links_a_cause():
    # 对林下… is cut 对/林/下: the word 林下 is kept without the 对 in front of it
    text = report(
        "一是理论学习不够深入。二是支部对林下经济等新路子研究不多，带领职工增收的办法少。",
        "一是每月组织1次专题学习。二是年内试种林下药材30亩。",
        causes="一是对理论学习重视不够。二是思想上求稳怕变，对发展林下经济的风险顾虑较多。",
    )
    assert [f.code for f in lint_text(text, select=["CR003"])] == []


def test_a_problems_own_words_in_a_measure_answer_it():
    # the specific word (科研), not the generic topics (创新, 能力), is the problem's matter
    assert_answers("一是加强科研攻关，年内组建2个跨学科团队。", "一是科研创新能力还不强。")
    # one word in the measure's heading (管理), another in its body, concrete or not (党员)
    assert_answers("一是强化管理，在作风上常抓不懈。加强党员日常监督，严肃查处违纪行为。", "一是党员管理不够严格。")
    # the words of the second clause of the problem's heading (骨干, 进修)
    assert_answers("一是实施骨干培育计划，每年选送3名医生到省级医院进修。", "一是学科带头人培养不够，骨干外出进修机会少。")


def test_sharing_where_a_problem_is_or_a_common_word_is_no_answer():
    # 老旧小区 is where the problem is, not what it is (加装电梯)
    msgs = unanswered(report("一是老旧小区加装电梯推进缓慢。", "一是加强老旧小区物业管理，每季度评议一次。"))
    assert len(msgs) == 1 and "电梯" in msgs[0], msgs
    # 党员 alone (a common word) links nothing; nor a passing mention of both words in the body
    msgs = unanswered(report("一是集体经济收入来源单一。二是党员管理不够严格。", "一是发展特色产业，年内增收10万元。二是强化作风建设，组织党员学习，严肃查处违纪行为。"))
    assert len(msgs) == 1 and "党员管理" in msgs[0], msgs


def orphans(text):
    return [f.message for f in lint_text(text, select=["CR005"]) if f.code == "CR005"]


def test_a_measure_that_writes_the_matter_of_a_problems_body_is_no_orphan():
    problems = "一是党建特色不够鲜明。各支部党建工作与业务工作结合不紧密。二是服务载体不多。对服务型党组织建设缺乏有效手段。"
    # a topic and a specific word (#integration, 业务工作); a word in the head (服务), another in the body (党组织)
    text = report(problems, "一是打造党建品牌，年内建成示范点2个。二是围绕中心，用党建工作统揽业务工作。三是强化服务，搭建台子。以服务辖区党组织为核心。")
    assert orphans(text) == []
    # two words in common in any clause (素质, 能力; reversed); no more than that makes it the problem's measure
    text = report("一是部分人员素质能力与发展需求还有差距。", "一是深化学习。组织干部集中学习，提升干部职工综合能力素质。")
    assert orphans(text) == [] and len(unanswered(text)) == 1
    # a measure about something else is still reported
    text = report(problems, "一是打造党建品牌，年内建成示范点2个。二是做好防汛抗旱，汛前检查堤坝1次。")
    msgs = orphans(text)
    assert len(msgs) == 1 and "防汛" in msgs[0], msgs


def test_reversed_word_pairs_are_one_term():
    from shuzhi_lint.checks.correspondence import _in, _one_order

    assert _one_order("能力素质") == _one_order("素质能力")
    assert _in("素质能力", "提升干部职工综合能力素质") and not _in("素质能力", "提升干部职工综合素质")
