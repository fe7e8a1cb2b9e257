// Draftail entity: link a word in rich text to a glossary definition,
// picked with Wagtail's own snippet chooser.
(function () {
  const { ModalWorkflowSource, registerPlugin } = window.draftail;

  class DefinitionSource extends ModalWorkflowSource {
    getChooserConfig() {
      return {
        url: this.props.entityType.chooserUrls.definitionChooser,
        urlParams: {},
        onload: window.CHOOSER_MODAL_ONLOAD_HANDLERS,
        responses: { chosen: this.onChosen },
      };
    }

    filterEntityData(data) {
      return { id: data.id, label: data.string };
    }
  }

  function DefinitionLink(props) {
    const { label } = props.contentState.getEntity(props.entityKey).getData();
    return window.React.createElement(
      "span",
      { title: label ? "Begrip: " + label : "Begrip", style: { textDecoration: "underline dotted" } },
      props.children,
    );
  }

  registerPlugin({ type: "DEFINITION", source: DefinitionSource, decorator: DefinitionLink }, "entityTypes");
})();
