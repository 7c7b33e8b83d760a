package org.hostdeck.model.generator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.plugin.EcorePlugin;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * Regenerates {@code src-gen/} of org.hostdeck.model from {@code model/hostdeck.ecore} with EMF's
 * own generator, outside Eclipse. The .genmodel keeps the generator settings: it is reconciled with
 * the .ecore (new classes and features get default settings) and written back, then src-gen/ is
 * emptied and generated again. Hand-written code lives in src/ and is never touched.
 *
 * usage: GenerateModel BUNDLE_DIR
 */
public final class GenerateModel {

	private static final String BUNDLE = "org.hostdeck.model";

	public static void main(String[] args) throws IOException {
		Path bundle = Path.of(args[0]).toRealPath();
		EcorePlugin.getPlatformResourceMap().put(BUNDLE, URI.createFileURI(bundle.toString() + File.separator));

		ResourceSet resources = new ResourceSetImpl();
		resources.getResourceFactoryRegistry().getExtensionToFactoryMap().put("ecore", new EcoreResourceFactoryImpl());
		resources.getResourceFactoryRegistry().getExtensionToFactoryMap().put("genmodel", new XMIResourceFactoryImpl());
		resources.getPackageRegistry().put(GenModelPackage.eNS_URI, GenModelPackage.eINSTANCE);
		resources.getPackageRegistry().put(EcorePackage.eNS_URI, EcorePackage.eINSTANCE);

		URI genModelUri = URI.createPlatformResourceURI("/" + BUNDLE + "/model/hostdeck.genmodel", true);
		Resource stored = resources.getResource(genModelUri, true);
		GenModel settings = (GenModel) stored.getContents().get(0);
		EPackage ePackage = (EPackage) resources
				.getResource(URI.createPlatformResourceURI("/" + BUNDLE + "/model/hostdeck.ecore", true), true)
				.getContents().get(0);

		// a complete genmodel for the current .ecore, carrying over every setting of the stored one
		GenModel genModel = GenModelFactory.eINSTANCE.createGenModel();
		genModel.initialize(List.of(ePackage));
		genModel.reconcile(settings);
		copySettings(settings, genModel);
		stored.getContents().set(0, genModel);
		stored.save(null);

		Diagnostic validation = genModel.diagnose();
		if (validation.getSeverity() == Diagnostic.ERROR) {
			throw new IllegalStateException("The genmodel is not valid: " + validation);
		}

		deleteTree(bundle.resolve("src-gen"));
		genModel.setCanGenerate(true);
		Generator generator = new Generator();
		generator.getAdapterFactoryDescriptorRegistry().addDescriptor(GenModelPackage.eNS_URI,
				GenModelGeneratorAdapterFactory.DESCRIPTOR);
		generator.setInput(genModel);
		Diagnostic result = generator.generate(genModel, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
				new BasicMonitor.Printing(System.out));
		if (result.getSeverity() == Diagnostic.ERROR) {
			throw new IllegalStateException("Generation failed: " + result);
		}
		System.out.println("Generated " + count(bundle.resolve("src-gen")) + " files into " + bundle.resolve("src-gen"));
	}

	/** The attributes of the GenModel element itself (reconcile carries over package and class settings). */
	private static void copySettings(GenModel from, GenModel to) {
		for (var attribute : GenModelPackage.Literals.GEN_MODEL.getEAllAttributes()) {
			if (!attribute.isDerived() && !attribute.isTransient() && from.eIsSet(attribute)) {
				to.eSet(attribute, from.eGet(attribute));
			}
		}
		to.getForeignModel().clear();
		to.getForeignModel().add("hostdeck.ecore");
	}

	private static long count(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).count();
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(p);
			}
		}
	}

	private GenerateModel() {
	}
}
