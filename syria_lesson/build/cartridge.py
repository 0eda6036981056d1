"""The IMS Common Cartridge 1.3 of ``make lms`` (``syria_lessons.imscc``): a zip
with ``imsmanifest.xml``, one page per lesson (its question, objectives and
tasks, for students, with the standards it serves as LOM keywords) and one QTI
1.2 assessment per lesson in the Common
Cartridge profile: self-checks and claim sorts as multiple choice with feedback
on every option (``cc.multiple_choice.v0p1``), a matching task as one such item
per item (the profile has no matching type), the written tasks as essays
(``cc.essay.v0p1``). Kinds it cannot hold are listed by ``formats.left_out``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from syria_lesson.build.formats import (
    Option,
    Pair,
    choice_prompt,
    essay_lines,
    holds,
    lesson_title,
    match_options,
    objectives,
    options,
    pairs,
)
from syria_lesson.core.html import html, join
from syria_lesson.data import Content
from syria_lesson.live.worksheet import short_prompt

NAME = "syria_lessons.imscc"
CP = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
LOMR = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
SCHEMAS = {
    CP: "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd",
    LOM: "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd",
    LOMR: "http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lomresource_v1p0.xsd",
}


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def fields(parent: ET.Element, fields: dict[str, str]) -> None:
    meta = sub(parent, "qtimetadata")
    for label, entry in fields.items():
        field = sub(meta, "qtimetadatafield")
        sub(field, "fieldlabel", label)
        sub(field, "fieldentry", entry)


def material(parent: ET.Element, text: str, kind: str = "text/html") -> None:
    sub(sub(parent, "material"), "mattext", text, texttype=kind)


CC_CHOICE = {"cc_profile": "cc.multiple_choice.v0p1", "cc_weighting": "1"}
CC_ESSAY = {"cc_profile": "cc.essay.v0p1", "cc_weighting": "1"}


def choice_item(section: ET.Element, ident: str, title: str, prompt: str, found: list[Option], meta: dict) -> None:
    """A QTI 1.2 multiple-choice item: one right option, the feedback of every option. ``meta``:
    the item's metadata fields (the Common Cartridge's profile, or Canvas's question type)."""
    item = sub(section, "item", ident=ident, title=title)
    fields(sub(item, "itemmetadata"), meta)
    presentation = sub(item, "presentation")
    material(presentation, prompt)
    render = sub(sub(presentation, "response_lid", ident="response1", rcardinality="Single"), "render_choice")
    for number, option in enumerate(found):
        material(sub(render, "response_label", ident=f"{ident}_{number}"), option.text, "text/plain")
    processing = sub(item, "resprocessing")
    sub(sub(processing, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    for number in range(len(found)):  # each option's feedback, whatever it scores
        condition = sub(processing, "respcondition", **{"continue": "Yes"})
        sub(sub(condition, "conditionvar"), "varequal", f"{ident}_{number}", respident="response1")
        sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}_{number}_fb")
    right = next(n for n, o in enumerate(found) if o.right)
    condition = sub(processing, "respcondition", **{"continue": "No"})
    sub(sub(condition, "conditionvar"), "varequal", f"{ident}_{right}", respident="response1")
    sub(condition, "setvar", "100", action="Set", varname="SCORE")
    for number, option in enumerate(found):
        feedback = sub(item, "itemfeedback", ident=f"{ident}_{number}_fb")
        head = "Right." if option.right else "Not quite."
        material(sub(feedback, "flow_mat"), str(html("<p><strong>{}</strong> {}</p>", head, option.feedback)))


def essay_item(section: ET.Element, q: dict, meta: dict) -> None:
    item = sub(section, "item", ident=q["id"], title=short_prompt(q, 8))
    fields(sub(item, "itemmetadata"), meta)
    presentation = sub(item, "presentation")
    material(presentation, essay_prompt(q))
    sub(sub(sub(presentation, "response_str", ident="response1", rcardinality="Single"), "render_fib"),
         "response_label", ident="answer1", rshuffle="No")
    processing = sub(item, "resprocessing")
    sub(sub(processing, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    sub(sub(sub(processing, "respcondition", **{"continue": "No"}), "conditionvar"), "other")


def essay_prompt(q: dict) -> str:
    return str(html("<p>{}</p>", q["prompt"]) + join(html("<p>{}</p>", line) for line in essay_lines(q)))


def match_prompt(q: dict, pair: Pair) -> str:
    return str(html("<p>{}</p><p><strong>{}</strong></p>", q["prompt"], pair.text))


def assessment(content: Content, lesson_id: str) -> ET.ElementTree:
    root = ET.Element("questestinterop", {"xmlns": QTI})
    test = sub(root, "assessment", ident=f"quiz_{lesson_id}", title=f"{lesson_title(content, lesson_id)}: self-checks and written tasks")
    fields(test, {"cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination", "cc_maxattempts": "unlimited"})
    section = sub(test, "section", ident=f"section_{lesson_id}")
    for q in content.lesson_questions(lesson_id):
        if holds(q) == "choice":
            choice_item(section, q["id"], short_prompt(q, 8), str(html("<p>{}</p>", choice_prompt(q))), options(q), CC_CHOICE)
        elif holds(q) == "match":  # the profile has no matching type: one multiple-choice item per item
            for pair in pairs(q):
                choice_item(section, f"{q['id']}__{pair.id}", f"{short_prompt(q, 6)}: {pair.text}"[:120],
                            match_prompt(q, pair), match_options(q, pair), CC_CHOICE)
        elif holds(q) == "essay":
            essay_item(section, q, CC_ESSAY)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def page(content: Content, lesson_id: str) -> str:
    """The lesson's page, for students: its question, objectives and tasks (no answers)."""
    plan = content.plan(lesson_id)
    aims = join(html("<li>{}</li>", aim) for aim in objectives(content, lesson_id))
    tasks = join(html("<li>{}{}</li>", q["prompt"], " (extension)" if q["tier"] == "extension" else "")
                 for q in content.lesson_questions(lesson_id))
    return str(html('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{}</title></head><body>'
                    "<h1>{}</h1><p><strong>This lesson's question:</strong> {}</p><p>About {} minutes.</p>"
                    "<h2>By the end of this lesson you will be able to</h2><ol>{}</ol>"
                    "<h2>The tasks</h2><ol>{}</ol><p><small>{}</small></p></body></html>\n",
                    lesson_title(content, lesson_id), lesson_title(content, lesson_id), plan["supporting_question"],
                    plan["minutes"], aims, tasks, content.module["licence"]))


def manifest(content: Content, files: dict[str, list[str]]) -> ET.ElementTree:
    """``files``: each lesson id's page and assessment paths inside the cartridge."""
    ET.register_namespace("", CP)
    ET.register_namespace("lomimscc", LOM)
    ET.register_namespace("lom", LOMR)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{CP}}}manifest", {"identifier": "syria_2017_cartridge",
                                            f"{{{XSI}}}schemaLocation": " ".join(f"{k} {v}" for k, v in SCHEMAS.items())})
    meta = sub(root, f"{{{CP}}}metadata")
    sub(meta, f"{{{CP}}}schema", "IMS Common Cartridge")
    sub(meta, f"{{{CP}}}schemaversion", "1.3.0")
    general = sub(sub(meta, f"{{{LOM}}}lom"), f"{{{LOM}}}general")
    sub(sub(general, f"{{{LOM}}}title"), f"{{{LOM}}}string", content.module["title"], language="en")
    sub(sub(general, f"{{{LOM}}}description"), f"{{{LOM}}}string",
         content.module["compelling_question"].strip(), language="en")
    summaries = {row["code"]: row["summary"] for row in content.standards()}
    keywords(general, LOM, [row["code"] for row in content.standards()
                            if any(row["code"] in content.plan(lid)["standards"] for lid in files)], summaries)
    organization = sub(sub(root, f"{{{CP}}}organizations"), f"{{{CP}}}organization", identifier="organization",
                        structure="rooted-hierarchy")
    top = sub(organization, f"{{{CP}}}item", identifier="root")
    resources = sub(root, f"{{{CP}}}resources")
    for lesson in content.module["lessons"]:
        lid = lesson["id"]
        module = sub(top, f"{{{CP}}}item", identifier=f"module_{lid}")
        sub(module, f"{{{CP}}}title", lesson_title(content, lid))
        page_path, quiz_path = files[lid]
        for kind, path, title, type_ in (("page", page_path, "The lesson: question, objectives, tasks", "webcontent"),
                                         ("quiz", quiz_path, "Self-checks and written tasks", ASSESSMENT)):
            item = sub(module, f"{{{CP}}}item", identifier=f"item_{kind}_{lid}", identifierref=f"res_{kind}_{lid}")
            sub(item, f"{{{CP}}}title", title)
            attrs = {"identifier": f"res_{kind}_{lid}", "type": type_}
            if type_ == "webcontent":
                attrs["href"] = path
            resource = sub(resources, f"{{{CP}}}resource", **attrs)
            if kind == "page":  # the standards the lesson serves, in the page's own metadata
                lom = sub(sub(resource, f"{{{CP}}}metadata"), f"{{{LOMR}}}lom")
                keywords(sub(lom, f"{{{LOMR}}}general"), LOMR, content.plan(lid)["standards"], summaries)
            sub(resource, f"{{{CP}}}file", href=path)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def keywords(parent: ET.Element, ns: str, codes: list[str], summaries: dict[str, str]) -> None:
    """The standards as LOM keywords: each code with what it asks ("RH.9-10.8: Judge how far ...")."""
    for code in codes:
        sub(sub(parent, f"{{{ns}}}keyword"), f"{{{ns}}}string", f"{code}: {summaries[code]}", language="en")


def _xml(tree: ET.ElementTree) -> bytes:
    return ET.tostring(tree.getroot(), encoding="UTF-8", xml_declaration=True)


def write(path: Path, content: Content) -> Path:
    files = {lesson["id"]: [f"pages/lesson_{lesson['id']}.html", f"quiz_{lesson['id']}/assessment.xml"]
             for lesson in content.module["lessons"]}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _xml(manifest(content, files)))
        for lesson_id, (page_path, quiz_path) in files.items():
            archive.writestr(page_path, page(content, lesson_id))
            archive.writestr(quiz_path, _xml(assessment(content, lesson_id)))
    return path
