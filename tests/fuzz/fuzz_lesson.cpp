// libFuzzer: the lesson loader on any bytes, then the lesson's program built from whatever
// params it holds (built only: nothing is listened on). Bad files give one sentence naming the
// file; nothing crashes.
#include "lesson/Lesson.h"
#include "programs/ProgramFactory.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = QStringLiteral("fuzz/lesson.json");
    auto lesson =
        mux::parseLesson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), path);
    if (!lesson) {
        if (!lesson.error().text.contains(path))
            std::abort();
        return 0;
    }
    (void)lesson->stepAt(1);
    (void)mux::createProgram(lesson->program, lesson->params);
    return 0;
}
