//! One segmentation of an article, shared by the analysers that read sentences.
//!
//! Claims, sentence tones and the topic model each read jieba's words of the same text, cut
//! the same way (the default dictionary path without the HMM, as their models were trained).
//! Cutting once per sentence and handing the words to each of them gives the same words as
//! cutting three times: jieba cuts within runs of ideographs and letters, and every sentence
//! end (。！？) ends such a run.

use jieba_rs::Jieba;

use super::sentences::{self, Sentence};

/// A sentence with its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Said<'a> {
    /// The sentence (its offsets index the paragraph it came from).
    pub sentence: &'a Sentence,
    /// Its words as jieba cuts them without the HMM, as written (case kept).
    pub words: Vec<&'a str>,
}

/// Each paragraph's sentences, as [`sentences::split`] finds them.
pub fn split_all(paragraphs: &[&str]) -> Vec<Vec<Sentence>> {
    paragraphs.iter().map(|p| sentences::split(p)).collect()
}

/// The words of every sentence of every paragraph.
pub fn segment<'a>(jieba: &Jieba, paragraphs: &'a [Vec<Sentence>]) -> Vec<Vec<Said<'a>>> {
    paragraphs
        .iter()
        .map(|p| p.iter().map(|s| said(jieba, s)).collect())
        .collect()
}

/// One sentence with its words.
pub fn said<'a>(jieba: &Jieba, sentence: &'a Sentence) -> Said<'a> {
    Said {
        sentence,
        words: cut(jieba, &sentence.text),
    }
}

/// jieba's words of a text, without the HMM.
pub fn cut<'a>(jieba: &Jieba, text: &'a str) -> Vec<&'a str> {
    jieba.cut(text, false).into_iter().map(|t| t.word).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter;

    #[test]
    fn sentences_cut_alone_give_the_words_of_the_paragraph_cut_whole() {
        let j = shared_segmenter();
        let p = "我国首次高压力纯氢管道试验取得成功！工作人员完成了6.3兆帕管道充氢测试。OpenAI公司？“好。”他说";
        let split = split_all(&[p]);
        let joined: Vec<&str> = segment(j, &split)[0]
            .iter()
            .flat_map(|s| s.words.iter().copied())
            .collect();
        assert_eq!(joined, cut(j, p));
    }
}
