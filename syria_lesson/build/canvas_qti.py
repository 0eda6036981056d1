"""The Canvas-flavoured QTI packages of ``make lms`` (``build/lms/canvas_qti_lesson_NN.zip``),
one per lesson: what Canvas's "Import course content > QTI .zip file" takes, and
what Canvas itself exports. A zip with ``imsmanifest.xml``, the quiz as QTI 1.2
(``<quiz>/<quiz>.xml``) with Canvas's ``question_type`` on every item, and
Canvas's quiz settings (``<quiz>/assessment_meta.xml``).

Self-checks and claim sorts are ``multiple_choice_question`` with the feedback
of every option, a matching task whose items have one right option each is a
``matching_question`` (why each pair matches as its general feedback), the
written tasks are ``essay_question``. Neither ``text2qti`` (no matching type) nor
``qti-package-maker`` (no essays, no feedback per option) holds all of that, so
the XML is written here, with the Common Cartridge's item writers. Kinds no
format holds are listed by ``formats.left_out``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from syria_lesson.build.cartridge import QTI, choice_item, essay_item, fields, material, sub
from syria_lesson.build.formats import choice_prompt, holds, lesson_title, options, pairs
from syria_lesson.core.html import html, join
from syria_lesson.data import Content
from syria_lesson.live.worksheet import short_prompt

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"
META_TYPE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"


def name(lesson_id: str) -> str:
    return f"canvas_qti_lesson_{lesson_id}.zip"


def _meta(kind: str, answers: list[str], ref: str) -> dict[str, str]:
    return {"question_type": kind, "points_possible": "1.0", "original_answer_ids": ",".join(answers),
            "assessment_question_identifierref": ref}


def _matching_item(section: ET.Element, q: dict) -> None:
    found = pairs(q)
    answers = list(dict.fromkeys(pair.answer for pair in found))
    right_id = {answer: f"{q['id']}_m{n}" for n, answer in enumerate(answers)}
    item = sub(section, "item", ident=q["id"], title=short_prompt(q, 8))
    fields(sub(item, "itemmetadata"), _meta("matching_question", [f"{q['id']}_{p.id}" for p in found], f"ref_{q['id']}"))
    presentation = sub(item, "presentation")
    material(presentation, str(html("<p>{}</p>", q["prompt"])))
    for pair in found:
        lid = sub(presentation, "response_lid", ident=f"response_{q['id']}_{pair.id}")
        material(lid, pair.text, "text/plain")
        render = sub(lid, "render_choice")
        for answer in answers:
            material(sub(render, "response_label", ident=right_id[answer]), answer, "text/plain")
    processing = sub(item, "resprocessing")
    sub(sub(processing, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    general = sub(processing, "respcondition", **{"continue": "Yes"})
    sub(sub(general, "conditionvar"), "other")
    sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    for pair in found:
        condition = sub(processing, "respcondition")
        sub(sub(condition, "conditionvar"), "varequal", right_id[pair.answer], respident=f"response_{q['id']}_{pair.id}")
        sub(condition, "setvar", f"{100 / len(found):.2f}", varname="SCORE", action="Add")
    why = join(html("<li><strong>{}</strong>: {}</li>", pair.text, pair.note) for pair in found)
    material(sub(sub(item, "itemfeedback", ident="general_fb"), "flow_mat"), str(html("<ul>{}</ul>", why)))


def assessment(content: Content, lesson_id: str, ident: str) -> ET.ElementTree:
    root = ET.Element("questestinterop", {"xmlns": QTI})
    test = sub(root, "assessment", ident=ident, title=f"{lesson_title(content, lesson_id)}: self-checks and written tasks")
    fields(test, {"cc_maxattempts": "unlimited"})
    section = sub(test, "section", ident="root_section")
    for q in content.lesson_questions(lesson_id):
        if holds(q) == "choice":
            found = options(q)
            choice_item(section, q["id"], short_prompt(q, 8), str(html("<p>{}</p>", choice_prompt(q))), found,
                        _meta("multiple_choice_question", [f"{q['id']}_{n}" for n in range(len(found))], f"ref_{q['id']}"))
        elif holds(q) == "match":
            _matching_item(section, q)
        elif holds(q) == "essay":
            essay_item(section, q, _meta("essay_question", [], f"ref_{q['id']}"))
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def quiz_meta(content: Content, lesson_id: str, ident: str, points: int) -> ET.ElementTree:
    """Canvas's quiz settings: a practice quiz, unpublished, unlimited attempts, answers shown after."""
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS})
    for tag, value in (("title", f"{lesson_title(content, lesson_id)}: self-checks and written tasks"),
                       ("description", content.plan(lesson_id)["supporting_question"]),
                       ("shuffle_answers", "false"), ("scoring_policy", "keep_highest"), ("hide_results", ""),
                       ("quiz_type", "practice_quiz"), ("points_possible", f"{points:.1f}"),
                       ("show_correct_answers", "true"), ("allowed_attempts", "-1"),
                       ("one_question_at_a_time", "false"), ("cant_go_back", "false"), ("available", "false")):
        sub(root, tag, value)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def manifest(ident: str) -> ET.ElementTree:
    root = ET.Element("manifest", {"identifier": f"{ident}_manifest", "xmlns": CP})
    meta = sub(root, "metadata")
    sub(meta, "schema", "IMS Content")
    sub(meta, "schemaversion", "1.1.3")
    sub(root, "organizations")
    resources = sub(root, "resources")
    quiz = sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    sub(quiz, "file", href=f"{ident}/{ident}.xml")
    sub(quiz, "dependency", identifierref=f"{ident}_meta")
    settings = sub(resources, "resource", identifier=f"{ident}_meta", type=META_TYPE, href=f"{ident}/assessment_meta.xml")
    sub(settings, "file", href=f"{ident}/assessment_meta.xml")
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def _xml(tree: ET.ElementTree) -> bytes:
    return ET.tostring(tree.getroot(), encoding="UTF-8", xml_declaration=True)


def write(folder: Path, content: Content) -> list[Path]:
    """One package per lesson in ``folder``."""
    written = []
    for lesson in content.module["lessons"]:
        lesson_id, ident = lesson["id"], f"syria_lesson_{lesson['id']}_quiz"
        points = sum(bool(holds(q)) for q in content.lesson_questions(lesson_id))
        path = folder / name(lesson_id)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("imsmanifest.xml", _xml(manifest(ident)))
            archive.writestr(f"{ident}/{ident}.xml", _xml(assessment(content, lesson_id, ident)))
            archive.writestr(f"{ident}/assessment_meta.xml", _xml(quiz_meta(content, lesson_id, ident, points)))
        written.append(path)
    return written
